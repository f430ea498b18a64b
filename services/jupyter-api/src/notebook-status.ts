/**
 * The status of a Notebook as the Jupyter web app shows it, from the Notebook object and its
 * events (upstream's rules, first match wins). Pure: the caller passes the events and the time.
 */
import type { KubeObject } from '@kf-ts/shared';

export const STOP_ANNOTATION = 'kubeflow-resource-stopped';

export type StatusPhase =
  'ready' | 'waiting' | 'warning' | 'error' | 'uninitialized' | 'unavailable' | 'terminating' | 'stopped';

export interface NotebookStatus {
  phase: StatusPhase;
  message: string;
  state: string;
}

export interface NotebookObject extends KubeObject {
  spec?: {
    template?: {
      spec?: {
        containers?: ContainerSpec[];
        volumes?: { name?: string; persistentVolumeClaim?: { claimName?: string }; [key: string]: unknown }[];
        [key: string]: unknown;
      };
    };
  };
  status?: {
    readyReplicas?: number;
    containerState?: { waiting?: { reason?: string; message?: string }; [key: string]: unknown };
    conditions?: { type?: string; reason?: string; message?: string; [key: string]: unknown }[];
    [key: string]: unknown;
  };
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  volumeMounts?: { name?: string; mountPath?: string }[];
  env?: { name?: string; value?: string }[];
  [key: string]: unknown;
}

export interface EventObject extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

/** How long a Notebook without any status reads as "waiting" rather than "warning". */
export const NEW_NOTEBOOK_GRACE_MS = 10_000;

const status = (phase: StatusPhase, message: string): NotebookStatus => ({ phase, message, state: '' });

const time = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || !value) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
};

/** When an event last happened: lastTimestamp, else eventTime, else when it was recorded. */
export function eventTime(event: EventObject): number {
  return time(event.lastTimestamp) ?? time(event.eventTime) ?? time(event.metadata?.creationTimestamp) ?? 0;
}

export function readyReplicas(notebook: NotebookObject): number {
  const ready = notebook.status?.readyReplicas;
  return typeof ready === 'number' ? ready : 0;
}

export function isStopped(notebook: NotebookObject): boolean {
  const annotations = notebook.metadata?.annotations;
  return !!annotations && typeof annotations === 'object' && STOP_ANNOTATION in annotations;
}

function hasNoStatusYet(notebook: NotebookObject, now: number): boolean {
  const created = time(notebook.metadata?.creationTimestamp);
  const state = notebook.status?.containerState;
  const conditions = notebook.status?.conditions;
  const emptyState = !state || (typeof state === 'object' && Object.keys(state).length === 0);
  const emptyConditions = !Array.isArray(conditions) || conditions.length === 0;
  return emptyState && emptyConditions && created !== undefined && now - created <= NEW_NOTEBOOK_GRACE_MS;
}

/**
 * The moment after which `notebookStatus` may answer differently for the same objects (the
 * end of the "new notebook" grace period), or undefined when time does not matter.
 */
export function statusValidUntil(notebook: NotebookObject, now: number): number | undefined {
  if (!hasNoStatusYet(notebook, now)) return undefined;
  return (time(notebook.metadata?.creationTimestamp) ?? now) + NEW_NOTEBOOK_GRACE_MS + 1;
}

/** Events of this notebook incarnation (same uid, or since its creation when events carry no uid). */
export function eventsOfThisNotebook(notebook: NotebookObject, events: EventObject[]): EventObject[] {
  const uid = notebook.metadata?.uid;
  const created = time(notebook.metadata?.creationTimestamp) ?? 0;
  return events.filter((event) => {
    const eventUid = event.involvedObject?.uid;
    if (uid && eventUid) return eventUid === uid;
    return eventTime(event) >= created;
  });
}

/** The status of a notebook: the first rule that matches. `events` are the notebook's events. */
export function notebookStatus(notebook: NotebookObject, events: EventObject[], now: number): NotebookStatus {
  if (hasNoStatusYet(notebook, now)) {
    return status('waiting', 'Waiting for StatefulSet to create the underlying Pod.');
  }
  if (isStopped(notebook)) {
    return readyReplicas(notebook) === 0
      ? status('stopped', 'No Pods are currently running for this Notebook Server.')
      : status('waiting', 'Notebook Server is stopping.');
  }
  if (notebook.metadata?.deletionTimestamp) return status('terminating', 'Deleting this Notebook Server.');
  if (readyReplicas(notebook) >= 1) return status('ready', 'Running');

  const waiting = notebook.status?.containerState?.waiting;
  if (waiting && typeof waiting === 'object') {
    if (waiting.reason === 'PodInitializing') return status('waiting', 'PodInitializing');
    return status(
      'warning',
      `${waiting.reason ?? 'Undefined'}: ${waiting.message ?? 'No available message for container state.'}`,
    );
  }

  const conditions = Array.isArray(notebook.status?.conditions) ? notebook.status.conditions : [];
  const withReason = conditions.find((condition) => condition && typeof condition.reason === 'string');
  if (withReason) return status('warning', `${withReason.reason}: ${withReason.message ?? ''}`);

  const warning = eventsOfThisNotebook(notebook, events)
    .filter((event) => event.type === 'Warning')
    .sort((a, b) => eventTime(b) - eventTime(a))[0];
  if (warning) return status('warning', warning.message ?? warning.reason ?? 'Warning event');

  return status('warning', "Couldn't find any information for the status of this notebook.");
}
