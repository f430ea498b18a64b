/** A TensorBoard's status, in the phases the Kubeflow SPAs know, from the CR and its events only. */
import type { KubeObject } from '@kf-ts/shared';

export interface TensorboardObject extends KubeObject {
  spec?: { logspath?: unknown };
  status?: {
    readyReplicas?: unknown;
    conditions?: unknown;
  };
}

export interface EventObject extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  involvedObject?: { kind?: string; name?: string; uid?: string };
}

export type Phase = 'ready' | 'waiting' | 'warning' | 'error' | 'terminating';
export const PHASES: readonly Phase[] = ['ready', 'waiting', 'warning', 'error', 'terminating'];

export interface TensorboardStatus {
  phase: Phase;
  message: string;
  state: string;
}

/** The grace period during which a new TensorBoard without status is simply starting. */
export const YOUNG_MS = 10_000;

export function eventTime(event: EventObject): number {
  const stamp =
    event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp;
  const time = stamp ? Date.parse(stamp) : NaN;
  return Number.isNaN(time) ? 0 : time;
}

/**
 * Conditions come in two spellings: the Kubeflow tensorboard-controller appends
 * `{deploymentState, lastProbeTime}` whenever its Deployment's first condition type changes (a
 * history, newest last); other controllers copy Deployment conditions (`{type, status, reason,
 * message}`).
 */
interface Condition {
  deploymentState?: unknown;
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function conditionsOf(tensorboard: TensorboardObject): Condition[] {
  const conditions = tensorboard.status?.conditions;
  return Array.isArray(conditions)
    ? conditions.filter((condition): condition is Condition => !!condition && typeof condition === 'object')
    : [];
}

function hasNoStatus(tensorboard: TensorboardObject): boolean {
  const status = tensorboard.status;
  return !status || typeof status !== 'object' || Object.keys(status).length === 0;
}

function creationTime(tensorboard: TensorboardObject): number {
  return Date.parse(tensorboard.metadata?.creationTimestamp ?? '') || 0;
}

/** The newest Warning event about this incarnation of the TensorBoard (same uid, else not older). */
export function newestWarning(
  tensorboard: TensorboardObject,
  events: EventObject[],
): EventObject | undefined {
  const created = creationTime(tensorboard);
  const uid = tensorboard.metadata?.uid;
  let newest: EventObject | undefined;
  for (const event of events) {
    if (event?.type !== 'Warning') continue;
    const current =
      uid && event.involvedObject?.uid
        ? event.involvedObject.uid === uid
        : eventTime(event) >= created - 1000;
    if (current && (!newest || eventTime(event) > eventTime(newest))) newest = event;
  }
  return newest;
}

const warningText = (event: EventObject) =>
  [text(event.reason), text(event.message)].filter(Boolean).join(': ') || 'Warning event without a message';

/**
 * First rule that matches:
 * 1. being deleted: terminating;
 * 2. a ready replica: ready;
 * 3. no status yet and at most YOUNG_MS old: waiting (the controller has not reported yet);
 * 4. a replica failure (controller history ending in ReplicaFailure, or a ReplicaFailure
 *    condition that is True): error, explained by the newest Warning event when there is one;
 * 5. a stalled rollout (Progressing False, e.g. ProgressDeadlineExceeded): warning
 *    "<reason>: <message>" (Available False is normal while starting, so it is not a warning);
 * 6. the newest Warning event of this incarnation: warning "<reason>: <message>";
 * 7. still no status: warning (the controller never reported: is it running?);
 * 8. else waiting for the server to become ready.
 */
export function tensorboardStatus(
  tensorboard: TensorboardObject,
  events: EventObject[],
  now = Date.now(),
): TensorboardStatus {
  if (tensorboard.metadata?.deletionTimestamp) {
    return { phase: 'terminating', message: 'Deleting this TensorBoard server.', state: '' };
  }
  const ready = tensorboard.status?.readyReplicas;
  if (typeof ready === 'number' && ready >= 1) return { phase: 'ready', message: 'Running', state: '' };
  const noStatus = hasNoStatus(tensorboard);
  if (noStatus && now - creationTime(tensorboard) <= YOUNG_MS) {
    return { phase: 'waiting', message: 'Waiting for the TensorBoard server to be created.', state: '' };
  }
  const conditions = conditionsOf(tensorboard);
  const warning = newestWarning(tensorboard, events);
  const latestState = text(conditions.findLast((c) => text(c.deploymentState))?.deploymentState);
  const failure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (latestState === 'ReplicaFailure' || failure) {
    return {
      phase: 'error',
      message:
        text(failure?.message) ||
        (warning && warningText(warning)) ||
        'The TensorBoard server could not be created (ReplicaFailure).',
      state: text(failure?.reason) || text(warning?.reason) || 'ReplicaFailure',
    };
  }
  const stalled = conditions.find((c) => c.type === 'Progressing' && c.status === 'False');
  if (stalled) {
    return {
      phase: 'warning',
      message:
        [text(stalled.reason), text(stalled.message)].filter(Boolean).join(': ') ||
        'The TensorBoard server does not progress.',
      state: text(stalled.reason),
    };
  }
  if (warning) return { phase: 'warning', message: warningText(warning), state: text(warning.reason) };
  if (noStatus) {
    return {
      phase: 'warning',
      message: 'The TensorBoard controller has not reported any status for this server.',
      state: '',
    };
  }
  return { phase: 'waiting', message: 'Waiting for the TensorBoard server to become ready.', state: '' };
}

/** Until when a status computed now stays right without any object changing (the young rule). */
export function statusValidUntil(tensorboard: TensorboardObject, now: number): number | undefined {
  const created = creationTime(tensorboard);
  return hasNoStatus(tensorboard) && !tensorboard.metadata?.deletionTimestamp && now - created <= YOUNG_MS
    ? created + YOUNG_MS + 1
    : undefined;
}
