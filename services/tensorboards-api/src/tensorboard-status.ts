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

export type Phase = 'ready' | 'waiting' | 'warning' | 'error' | 'terminating' | 'unavailable';
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

interface Condition {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * First rule that matches: being deleted: terminating; a ready replica: ready; a failure
 * condition (ReplicaFailure true): error; a stalled rollout (Progressing false): warning; the
 * newest Warning event of this incarnation: warning; no status yet and young: waiting; else
 * waiting for the server to become ready.
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
  const conditions = Array.isArray(tensorboard.status?.conditions)
    ? (tensorboard.status!.conditions as Condition[])
    : [];
  const failure = conditions.find(
    (condition) => condition?.type === 'ReplicaFailure' && condition.status === 'True',
  );
  if (failure) {
    return {
      phase: 'error',
      message:
        text(failure.message) || text(failure.reason) || 'The TensorBoard server could not be created.',
      state: text(failure.reason),
    };
  }
  const stalled = conditions.find(
    (condition) => condition?.type === 'Progressing' && condition.status === 'False',
  );
  if (stalled) {
    return {
      phase: 'warning',
      message: text(stalled.message) || text(stalled.reason),
      state: text(stalled.reason),
    };
  }
  const created = Date.parse(tensorboard.metadata?.creationTimestamp ?? '') || 0;
  const uid = tensorboard.metadata?.uid;
  const warning = events
    .filter((event) => event.type === 'Warning')
    .filter((event) =>
      uid && event.involvedObject?.uid
        ? event.involvedObject.uid === uid
        : eventTime(event) >= created - 1000,
    )
    .sort((a, b) => eventTime(b) - eventTime(a))[0];
  if (warning)
    return {
      phase: 'warning',
      message: text(warning.message) || text(warning.reason),
      state: text(warning.reason),
    };
  if (!tensorboard.status && now - created <= YOUNG_MS) {
    return { phase: 'waiting', message: 'Waiting for the TensorBoard server to be created.', state: '' };
  }
  return { phase: 'waiting', message: 'Waiting for the TensorBoard server to become ready.', state: '' };
}

/** Until when a status computed now stays right without any object changing (the young rule). */
export function statusValidUntil(tensorboard: TensorboardObject, now: number): number | undefined {
  const created = Date.parse(tensorboard.metadata?.creationTimestamp ?? '') || 0;
  return !tensorboard.status && now - created <= YOUNG_MS ? created + YOUNG_MS + 1 : undefined;
}
