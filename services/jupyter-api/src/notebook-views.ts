/**
 * Notebook answers computed from the watch caches only (Notebooks, the notebooks' pods, Notebook
 * events): no API call per notebook. Per-namespace results are reused until a cache revision,
 * the spawner config or the clock (a new notebook's grace period) makes them stale.
 */
import { type KubeObject, type RelatedCache, RowMemo, type WatchCache } from '@kf-ts/shared';
import { configuredGpuVendors } from './notebook-form.ts';
import {
  type ContainerSpec,
  type EventObject,
  type NotebookObject,
  type NotebookStatus,
  eventTime,
  notebookStatus,
  statusValidUntil,
} from './notebook-status.ts';
import { type NotebookSummary, byNamespaceAndName, summarizeNotebook } from './notebook-summary.ts';
import type { SpawnerConfigStore } from './spawner-config.ts';

export const NOTEBOOK_NAME_LABEL = 'notebook-name';

export interface PodObject extends KubeObject {
  spec?: { containers?: ContainerSpec[]; volumes?: { persistentVolumeClaim?: { claimName?: string } }[] };
}

interface Memo<T> {
  key: string;
  value: T;
  validUntil: number;
  /** Increases with every recomputation, so a (namespace, seq) pair names one version of the answer. */
  seq?: number;
}

export class NotebookViews {
  private readonly summaryMemo = new Map<string, Memo<NotebookSummary[]>>();
  private readonly eventMemo = new Map<string, Memo<Map<string, EventObject[]>>>();
  private readonly podMemo = new Map<string, Memo<Map<string, PodObject[]>>>();
  /**
   * Each notebook's summary, kept while nothing it depends on changed (its resourceVersion, its
   * first pod's, its events', the spawner config): after a change in a namespace only the
   * changed notebooks are summarized again, and the same objects let their JSON be reused.
   */
  private readonly rows = new RowMemo<NotebookSummary>();
  /** How many times summaries were computed rather than reused (for tests and metrics). */
  computations = 0;

  constructor(
    readonly notebooks: WatchCache<NotebookObject>,
    readonly pods: WatchCache<PodObject>,
    readonly events: WatchCache<EventObject>,
    private readonly spawner: SpawnerConfigStore,
  ) {}

  /** What a summary is also made from, for live streams: the notebook's pods and its events. */
  get related(): RelatedCache[] {
    return [
      {
        cache: this.pods as unknown as WatchCache,
        owners: (pod) => {
          const name = pod.metadata?.labels?.[NOTEBOOK_NAME_LABEL];
          return typeof name === 'string' ? [name] : [];
        },
      },
      {
        cache: this.events as unknown as WatchCache,
        owners: (object) => {
          const about = (object as EventObject).involvedObject;
          return about?.kind === 'Notebook' && typeof about.name === 'string' ? [about.name] : [];
        },
      },
    ];
  }

  /** A namespace's Notebook events by notebook name, newest first. */
  eventsByNotebook(namespace: string): Map<string, EventObject[]> {
    const key = String(this.events.revision(namespace));
    const memo = this.eventMemo.get(namespace);
    if (memo?.key === key) return memo.value;
    const index = new Map<string, EventObject[]>();
    for (const event of this.events.list(namespace)) {
      const name = event.involvedObject?.name;
      if (event.involvedObject?.kind !== 'Notebook' || typeof name !== 'string') continue;
      const list = index.get(name) ?? [];
      list.push(event);
      index.set(name, list);
    }
    for (const list of index.values()) list.sort((a, b) => eventTime(b) - eventTime(a));
    this.eventMemo.set(namespace, { key, value: index, validUntil: Infinity });
    return index;
  }

  /** A namespace's notebook pods by the notebook-name label, sorted by pod name. */
  podsByNotebook(namespace: string): Map<string, PodObject[]> {
    const key = String(this.pods.revision(namespace));
    const memo = this.podMemo.get(namespace);
    if (memo?.key === key) return memo.value;
    const index = new Map<string, PodObject[]>();
    for (const pod of this.pods.list(namespace)) {
      const name = pod.metadata?.labels?.[NOTEBOOK_NAME_LABEL];
      if (typeof name !== 'string') continue;
      const list = index.get(name) ?? [];
      list.push(pod);
      index.set(name, list);
    }
    for (const list of index.values()) {
      list.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    }
    this.podMemo.set(namespace, { key, value: index, validUntil: Infinity });
    return index;
  }

  firstPod(namespace: string, notebook: string): PodObject | undefined {
    return this.podsByNotebook(namespace).get(notebook)?.[0];
  }

  notebookEvents(namespace: string, notebook: string): EventObject[] {
    return this.eventsByNotebook(namespace).get(notebook) ?? [];
  }

  status(notebook: NotebookObject, now = Date.now()): NotebookStatus {
    const namespace = notebook.metadata?.namespace ?? '';
    return notebookStatus(notebook, this.notebookEvents(namespace, notebook.metadata?.name ?? ''), now);
  }

  summary(notebook: NotebookObject, now = Date.now()): NotebookSummary {
    const namespace = notebook.metadata?.namespace ?? '';
    const name = notebook.metadata?.name ?? '';
    const podContainers = this.firstPod(namespace, name)?.spec?.containers;
    return summarizeNotebook(notebook, {
      vendors: configuredGpuVendors(this.spawner.current.defaults),
      status: notebookStatus(notebook, this.notebookEvents(namespace, name), now),
      podContainer: Array.isArray(podContainers) ? podContainers[0] : undefined,
    });
  }

  /** The summaries of a namespace, sorted by name; reused while nothing they depend on changed. */
  summaries(namespace: string, now = Date.now()): NotebookSummary[] {
    const key = [
      this.notebooks.revision(namespace),
      this.pods.revision(namespace),
      this.events.revision(namespace),
      this.spawner.current.version,
    ].join(':');
    const memo = this.summaryMemo.get(namespace);
    if (memo && memo.key === key && now < memo.validUntil) return memo.value;
    this.computations++;
    const seq = this.computations;
    const rows = this.rows.rebuild(
      namespace,
      this.notebooks.list(namespace),
      {
        name: (notebook) => notebook.metadata?.name ?? '',
        key: (notebook) => this.itemKey(namespace, notebook),
        // A status that depends on the clock (a new notebook's grace period) holds until then.
        build: (notebook) => ({
          value: this.summary(notebook, now),
          validUntil: statusValidUntil(notebook, now),
        }),
      },
      now,
    );
    const value = rows.values.sort(byNamespaceAndName);
    const { validUntil } = rows;
    this.summaryMemo.set(namespace, { key, value, validUntil, seq });
    return value;
  }

  /** Everything a notebook's summary depends on, but the clock. */
  private itemKey(namespace: string, notebook: NotebookObject): string {
    const name = notebook.metadata?.name ?? '';
    return [
      notebook.metadata?.uid,
      notebook.metadata?.resourceVersion,
      this.firstPod(namespace, name)?.metadata?.resourceVersion ?? '-',
      this.notebookEvents(namespace, name)
        .map((event) => event.metadata?.resourceVersion)
        .join(','),
      this.spawner.current.version,
    ].join('|');
  }

  /** Names the version of `summaries(namespace)` currently served (for ETags and cached answers). */
  summariesVersion(namespace: string, now = Date.now()): string {
    this.summaries(namespace, now);
    return `${namespace}#${this.summaryMemo.get(namespace)?.seq ?? 0}`;
  }

  /** Namespaces that hold notebooks. */
  namespaces(): string[] {
    return this.notebooks.namespaces().sort();
  }
}
