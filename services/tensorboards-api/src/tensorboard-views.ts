/** TensorBoard answers from the watch caches only, memoized per namespace. */
import { type RelatedCache, RowMemo, type WatchCache } from '@kf-ts/shared';
import {
  type EventObject,
  type TensorboardObject,
  type TensorboardStatus,
  eventTime,
  statusValidUntil,
  tensorboardStatus,
} from './tensorboard-status.ts';

export interface TensorboardSummary {
  name: string;
  namespace: string;
  logspath: string;
  age: string;
  status: TensorboardStatus;
}

interface Memo {
  key: string;
  seq: number;
  validUntil: number;
  value: TensorboardSummary[];
}

export class TensorboardViews {
  private readonly memo = new Map<string, Memo>();
  private readonly rows = new RowMemo<TensorboardSummary>();
  private readonly eventIndex = new Map<string, { key: number; value: Map<string, EventObject[]> }>();
  private seq = 0;

  constructor(
    readonly tensorboards: WatchCache<TensorboardObject>,
    readonly events: WatchCache<EventObject>,
  ) {}

  /** What a summary is also made from, for live streams: the TensorBoard's events. */
  get related(): RelatedCache[] {
    return [
      {
        cache: this.events as unknown as WatchCache,
        owners: (object) => {
          const about = (object as EventObject).involvedObject;
          return about?.kind === 'Tensorboard' && typeof about.name === 'string' ? [about.name] : [];
        },
      },
    ];
  }

  /** A namespace's Tensorboard events by Tensorboard name, newest first. */
  eventsOf(namespace: string, name: string): EventObject[] {
    const key = this.events.revision(namespace);
    let index = this.eventIndex.get(namespace);
    if (!index || index.key !== key) {
      const value = new Map<string, EventObject[]>();
      for (const event of this.events.list(namespace)) {
        const target = event.involvedObject?.name;
        if (event.involvedObject?.kind !== 'Tensorboard' || typeof target !== 'string') continue;
        const list = value.get(target);
        if (list) list.push(event);
        else value.set(target, [event]);
      }
      for (const list of value.values()) list.sort((a, b) => eventTime(b) - eventTime(a));
      index = { key, value };
      this.eventIndex.set(namespace, index);
    }
    return index.value.get(name) ?? [];
  }

  summary(tensorboard: TensorboardObject, now = Date.now()): TensorboardSummary {
    const namespace = tensorboard.metadata?.namespace ?? '';
    const name = tensorboard.metadata?.name ?? '';
    const logspath = tensorboard.spec?.logspath;
    return {
      name,
      namespace,
      logspath: typeof logspath === 'string' ? logspath : '',
      age: tensorboard.metadata?.creationTimestamp ?? '',
      status: tensorboardStatus(tensorboard, this.eventsOf(namespace, name), now),
    };
  }

  /**
   * Every TensorBoard of a namespace, sorted by name. Rebuilt only when something in the
   * namespace changed or a status's time ran out (a young TensorBoard without status turns from
   * waiting to unavailable), and then only the TensorBoards whose own inputs changed are
   * summarized again: the others keep their summary objects, and so their serialized JSON.
   */
  summaries(namespace: string, now = Date.now()): TensorboardSummary[] {
    const key = `${this.tensorboards.revision(namespace)}:${this.events.revision(namespace)}`;
    const memo = this.memo.get(namespace);
    if (memo && memo.key === key && now < memo.validUntil) return memo.value;
    const rows = this.rows.rebuild(
      namespace,
      this.tensorboards.list(namespace),
      {
        name: (tensorboard) => tensorboard.metadata?.name ?? '',
        key: (tensorboard) =>
          [
            tensorboard.metadata?.uid,
            tensorboard.metadata?.resourceVersion,
            ...this.eventsOf(namespace, tensorboard.metadata?.name ?? '').map(
              (event) => event.metadata?.resourceVersion,
            ),
          ].join('|'),
        build: (tensorboard) => ({
          value: this.summary(tensorboard, now),
          validUntil: statusValidUntil(tensorboard, now),
        }),
      },
      now,
    );
    const value = rows.values.sort((a, b) => a.name.localeCompare(b.name));
    const { validUntil } = rows;
    this.memo.set(namespace, { key, seq: ++this.seq, validUntil, value });
    return value;
  }

  /** Names the version of `summaries(namespace)` currently served (ETags, cached answers). */
  version(namespace: string, now = Date.now()): string {
    this.summaries(namespace, now);
    return `${namespace}#${this.memo.get(namespace)?.seq ?? 0}`;
  }

  namespaces(): string[] {
    return this.tensorboards.namespaces().sort();
  }
}
