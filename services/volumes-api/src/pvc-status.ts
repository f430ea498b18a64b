/**
 * Status rules of the Volumes web app (KUBEFLOW-COMPAT.md section 5), as pure functions. Every
 * field of a cluster object is treated as possibly missing or of the wrong type.
 */
import { type KubeObject, parseQuantity } from '@kf-ts/shared';

export type StatusPhase =
  'ready' | 'waiting' | 'warning' | 'error' | 'uninitialized' | 'unavailable' | 'terminating' | 'stopped';

export interface VolumeStatus {
  phase: StatusPhase;
  message: string;
  state: string;
}

export interface PvcObject extends KubeObject {
  spec?: {
    accessModes?: unknown;
    storageClassName?: unknown;
    resources?: { requests?: Record<string, unknown> };
    dataSource?: unknown;
    volumeName?: unknown;
    [key: string]: unknown;
  };
  status?: {
    phase?: unknown;
    capacity?: Record<string, unknown>;
    conditions?: unknown;
    [key: string]: unknown;
  };
}

export interface EventObject extends KubeObject {
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  series?: { lastObservedTime?: string };
}

export interface ViewerObject extends KubeObject {
  spec?: { pvc?: unknown; [key: string]: unknown };
  status?: { ready?: unknown; url?: unknown; [key: string]: unknown };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** When an event last happened, in ms (0 when it carries no usable time). */
export function eventTime(event: EventObject): number {
  const candidates = [
    event.series?.lastObservedTime,
    event.lastTimestamp,
    event.eventTime,
    event.firstTimestamp,
    event.metadata?.creationTimestamp,
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const time = Date.parse(candidate);
    if (Number.isFinite(time)) return time;
  }
  return 0;
}

/** Events sorted newest first (a stable order for events of the same time: by name). */
export function newestFirst<T extends EventObject>(events: T[]): T[] {
  return [...events].sort(
    (a, b) => eventTime(b) - eventTime(a) || text(b.metadata?.name).localeCompare(text(a.metadata?.name)),
  );
}

/**
 * Events about this PVC: same name and, when both sides say, the same uid (events of an earlier
 * PVC of the same name are not about this one).
 */
export function eventsAbout<T extends EventObject>(pvc: PvcObject, events: T[]): T[] {
  const uid = pvc.metadata?.uid;
  return events.filter((event) => {
    const involved = event.involvedObject;
    if (!involved || involved.name !== pvc.metadata?.name) return false;
    if (involved.kind && involved.kind !== 'PersistentVolumeClaim') return false;
    return !(uid && involved.uid && involved.uid !== uid);
  });
}

const WAIT_FOR_FIRST_CONSUMER_MESSAGE =
  'Pending: This volume will be bound when its first consumer is created. E.g., when you first browse its contents, or attach it to a notebook server';

interface Condition {
  type?: unknown;
  status?: unknown;
  message?: unknown;
}

/** Conditions the resizers set while an expansion is under way. */
const RESIZE_IN_PROGRESS = ['Resizing', 'FileSystemResizePending'];
/** Conditions of a failed expansion (Kubernetes 1.31+, RecoverVolumeExpansionFailure). */
const RESIZE_FAILED = ['ControllerResizeError', 'NodeResizeError'];
/** status.allocatedResourceStatuses.storage values (Kubernetes 1.27+): in progress, and given up. */
const ALLOCATION_IN_PROGRESS = ['ControllerResizeInProgress', 'NodeResizePending', 'NodeResizeInProgress'];
const ALLOCATION_INFEASIBLE = ['ControllerResizeInfeasible', 'NodeResizeInfeasible'];

const conditionsOf = (pvc: PvcObject): Condition[] =>
  Array.isArray(pvc.status?.conditions)
    ? (pvc.status.conditions as unknown[]).filter(
        (c): c is Condition => Boolean(c) && typeof c === 'object' && !Array.isArray(c),
      )
    : [];

function firstCondition(pvc: PvcObject, types: string[]): { type: string; message: string } | undefined {
  const conditions = conditionsOf(pvc);
  for (const type of types) {
    const condition = conditions.find((c) => c.type === type && text(c.status) !== 'False');
    if (condition) return { type, message: text(condition.message) };
  }
  return undefined;
}

/** A resize in progress, from the PVC's conditions (Resizing / FileSystemResizePending). */
export function pendingResize(pvc: PvcObject): { type: string; message: string } | undefined {
  return firstCondition(pvc, RESIZE_IN_PROGRESS);
}

/**
 * An expansion asked for and not done yet: the request is larger than the capacity the volume
 * reports. Binding needs a volume at least as large as the request, so on a bound PVC this only
 * happens between a resize request and its completion (or failure).
 */
export function expansionRequested(pvc: PvcObject): { requested: string; capacity: string } | undefined {
  const requested = pvc.spec?.resources?.requests?.storage;
  const capacity = pvc.status?.capacity?.storage;
  const requestedBytes = parseQuantity(requested as string | number | undefined);
  const capacityBytes = parseQuantity(capacity as string | number | undefined);
  if (requestedBytes === undefined || capacityBytes === undefined || requestedBytes <= capacityBytes) {
    return undefined;
  }
  return { requested: String(requested), capacity: String(capacity) };
}

/** A bound PVC: ready, or the state of an expansion (failed, in progress, requested). */
function boundStatus(pvc: PvcObject, events: EventObject[]): VolumeStatus {
  const failed = firstCondition(pvc, RESIZE_FAILED);
  if (failed) {
    return {
      phase: 'warning',
      message: `Resize failed: ${failed.message || 'the volume could not be expanded'}`,
      state: failed.type,
    };
  }
  const resize = pendingResize(pvc);
  if (resize) {
    const fallback =
      resize.type === 'Resizing'
        ? 'the volume is being expanded'
        : 'waiting for a pod to mount the volume to finish resizing its file system';
    return { phase: 'waiting', message: `Resizing: ${resize.message || fallback}`, state: resize.type };
  }
  const requested = expansionRequested(pvc);
  if (!requested) return { phase: 'ready', message: 'Bound', state: '' };
  const allocation = text(
    (pvc.status?.allocatedResourceStatuses as Record<string, unknown> | undefined)?.storage,
  );
  const newest = newestFirst(eventsAbout(pvc, events))[0];
  // The resizers report a failed expansion as a Warning event about the PVC (VolumeResizeFailed).
  if (
    ALLOCATION_INFEASIBLE.includes(allocation) ||
    (newest?.type === 'Warning' && /resize/i.test(text(newest.reason)))
  ) {
    return {
      phase: 'warning',
      message: `Resize failed: ${text(newest?.message) || allocation}`,
      state: newest?.type === 'Warning' ? text(newest.reason) : allocation,
    };
  }
  return {
    phase: 'waiting',
    message: `Resizing: expansion from ${requested.capacity} to ${requested.requested} requested`,
    state: ALLOCATION_IN_PROGRESS.includes(allocation) ? allocation : 'ResizeRequested',
  };
}

/**
 * The status of a PVC: terminating, bound (ready, or the state of an expansion), else from the
 * newest event about it (upstream takes whichever event the API lists first).
 */
export function pvcStatus(pvc: PvcObject, events: EventObject[]): VolumeStatus {
  if (pvc.metadata?.deletionTimestamp) {
    return { phase: 'terminating', message: 'Deleting Volume...', state: '' };
  }
  if (pvc.status?.phase === 'Bound') return boundStatus(pvc, events);
  const newest = newestFirst(eventsAbout(pvc, events))[0];
  if (!newest) return { phase: 'waiting', message: 'Provisioning Volume...', state: '' };
  const reason = text(newest.reason);
  const message = `Pending: ${text(newest.message)}`;
  if (reason === 'WaitForFirstConsumer') {
    return { phase: 'unavailable', message: WAIT_FOR_FIRST_CONSUMER_MESSAGE, state: reason };
  }
  if (reason === 'Provisioning') return { phase: 'waiting', message, state: reason };
  if (reason === 'FailedBinding' || newest.type === 'Warning') {
    return { phase: 'warning', message, state: reason };
  }
  if (newest.type === 'Normal') return { phase: 'ready', message, state: reason };
  return { phase: 'waiting', message, state: reason };
}

export type ViewerPhase = 'uninitialized' | 'terminating' | 'ready' | 'waiting';

/** Viewer status: none: uninitialized; deleting: terminating; status.ready: ready; else waiting. */
export function viewerStatus(viewer: ViewerObject | undefined): ViewerPhase {
  if (!viewer) return 'uninitialized';
  if (viewer.metadata?.deletionTimestamp) return 'terminating';
  if (viewer.status?.ready === true) return 'ready';
  return 'waiting';
}

/** The viewer's URL (status.url set by the viewer controller), or null. */
export function viewerUrl(viewer: ViewerObject | undefined): string | null {
  const url = viewer?.status?.url;
  return typeof url === 'string' && url !== '' ? url : null;
}
