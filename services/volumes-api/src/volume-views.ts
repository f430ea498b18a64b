/**
 * Answers computed from the watch caches (PVCs, pods, Notebooks, PVCViewers, PVC events), with
 * per-namespace indexes and list summaries rebuilt only when a cache revision changes. No
 * Kubernetes call happens here.
 */
import {
  type ApiDiscovery,
  type CacheRegistry,
  type RelatedCache,
  RowMemo,
  type WatchCache,
  resources,
} from '@kf-ts/shared';
import {
  type EventObject,
  type PvcObject,
  type VolumeStatus,
  type ViewerObject,
  type ViewerPhase,
  eventsAbout,
  newestFirst,
  pvcStatus,
  viewerStatus,
  viewerUrl,
} from './pvc-status.ts';
import { type NotebookObject, type PodObject, notebookClaims, podClaims, viewersOf } from './volume-usage.ts';

export interface PvcSummary {
  name: string;
  namespace: string;
  age: string;
  capacity: string;
  modes: string[];
  class: string | null;
  status: VolumeStatus;
  notebooks: string[];
  viewer: { status: ViewerPhase; url: string | null };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

interface Memo<T> {
  key: string;
  value: T;
}

export class VolumeViews {
  readonly pvcs: WatchCache<PvcObject>;
  readonly pods: WatchCache<PodObject>;
  readonly notebooks: WatchCache<NotebookObject>;
  readonly events: WatchCache<EventObject>;
  private viewerCache: WatchCache<ViewerObject> | undefined;
  private readonly summaryMemo = new Map<string, Memo<PvcSummary[]>>();
  private readonly eventMemo = new Map<string, Memo<Map<string, EventObject[]>>>();
  private readonly notebookMemo = new Map<string, Memo<Map<string, string[]>>>();
  /** Each PVC's summary with the key of everything it was made from. */
  private readonly rows = new RowMemo<PvcSummary>();

  constructor(
    private readonly caches: CacheRegistry,
    private readonly discovery: ApiDiscovery,
  ) {
    this.pvcs = caches.cache<PvcObject>(resources.persistentVolumeClaims);
    this.pods = caches.cache<PodObject>(resources.pods);
    this.notebooks = caches.cache<NotebookObject>(resources.notebooks);
    this.events = caches.cache<EventObject>(resources.events, {
      fieldSelector: 'involvedObject.kind=PersistentVolumeClaim',
    });
  }

  /**
   * Starts the PVCViewer cache once the API is known to exist (a cache of a missing API would
   * never sync and keep the service unready). Called at start and after each discovery refresh.
   */
  syncOptionalCaches() {
    if (!this.viewerCache && this.discovery.has(resources.pvcViewers)) {
      this.viewerCache = this.caches.cache<ViewerObject>(resources.pvcViewers);
    }
  }

  /** True when the cluster serves PVCViewers (and their cache exists). */
  get viewersAvailable(): boolean {
    return this.discovery.has(resources.pvcViewers) && this.viewerCache !== undefined;
  }

  get viewers(): WatchCache<ViewerObject> | undefined {
    return this.viewersAvailable ? this.viewerCache : undefined;
  }

  viewersIn(namespace: string): ViewerObject[] {
    return this.viewers?.list(namespace) ?? [];
  }

  /**
   * What a summary is also made from, for live streams: the notebooks mounting the PVC, its
   * events and its viewer.
   */
  get related(): RelatedCache[] {
    const related: RelatedCache[] = [
      {
        cache: this.notebooks as unknown as WatchCache,
        owners: (notebook) => notebookClaims(notebook as NotebookObject),
      },
      {
        cache: this.events as unknown as WatchCache,
        owners: (object) => {
          const about = (object as EventObject).involvedObject;
          return typeof about?.name === 'string' ? [about.name] : [];
        },
      },
    ];
    const viewers = this.viewers;
    if (viewers) {
      related.push({
        cache: viewers as unknown as WatchCache,
        owners: (object) => {
          const viewer = object as ViewerObject;
          const pvc = viewer.spec?.pvc ?? viewer.metadata?.name;
          return typeof pvc === 'string' ? [pvc] : [];
        },
      });
    }
    return related;
  }

  /** Changes whenever anything a list summary depends on changes in the namespace. */
  summariesVersion(namespace: string): string {
    const viewers = this.viewers;
    return [
      this.pvcs.revision(namespace),
      this.notebooks.revision(namespace),
      this.events.revision(namespace),
      viewers ? viewers.revision(namespace) : 'no-viewers',
    ].join(':');
  }

  /** Events of kind PersistentVolumeClaim in a namespace, by PVC name. */
  private eventsByClaim(namespace: string): Map<string, EventObject[]> {
    const key = String(this.events.revision(namespace));
    const memo = this.eventMemo.get(namespace);
    if (memo?.key === key) return memo.value;
    const index = new Map<string, EventObject[]>();
    for (const event of this.events.list(namespace)) {
      const name = event.involvedObject?.name;
      if (typeof name !== 'string') continue;
      const list = index.get(name) ?? [];
      list.push(event);
      index.set(name, list);
    }
    this.eventMemo.set(namespace, { key, value: index });
    return index;
  }

  /** Notebook names by the PVC names their pod templates mount. */
  private notebooksByClaim(namespace: string): Map<string, string[]> {
    const key = String(this.notebooks.revision(namespace));
    const memo = this.notebookMemo.get(namespace);
    if (memo?.key === key) return memo.value;
    const index = new Map<string, string[]>();
    for (const notebook of this.notebooks.list(namespace)) {
      const name = notebook.metadata?.name;
      if (!name) continue;
      for (const claim of notebookClaims(notebook)) {
        const names = index.get(claim);
        if (names) names.push(name);
        else index.set(claim, [name]);
      }
    }
    for (const names of index.values()) names.sort();
    this.notebookMemo.set(namespace, { key, value: index });
    return index;
  }

  /** Events about one PVC, newest first. */
  pvcEvents(namespace: string, pvc: PvcObject | string): EventObject[] {
    const name = typeof pvc === 'string' ? pvc : (pvc.metadata?.name ?? '');
    const events = this.eventsByClaim(namespace).get(name) ?? [];
    return newestFirst(typeof pvc === 'string' ? events : eventsAbout(pvc, events));
  }

  status(pvc: PvcObject): VolumeStatus {
    const namespace = pvc.metadata?.namespace ?? '';
    return pvcStatus(pvc, this.eventsByClaim(namespace).get(pvc.metadata?.name ?? '') ?? []);
  }

  summary(
    pvc: PvcObject,
    viewers: ViewerObject[] = this.viewersIn(pvc.metadata?.namespace ?? ''),
  ): PvcSummary {
    const name = pvc.metadata?.name ?? '';
    const namespace = pvc.metadata?.namespace ?? '';
    const storageClass = pvc.spec?.storageClassName;
    const capacity = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;
    const viewer =
      viewersOf(name, viewers).find((candidate) => candidate.metadata?.name === name) ??
      viewersOf(name, viewers)[0];
    return {
      name,
      namespace,
      age: typeof pvc.metadata?.creationTimestamp === 'string' ? pvc.metadata.creationTimestamp : '',
      capacity: typeof capacity === 'string' || typeof capacity === 'number' ? String(capacity) : '',
      modes: strings(pvc.spec?.accessModes),
      class: typeof storageClass === 'string' ? storageClass : null,
      status: this.status(pvc),
      notebooks: this.notebooksByClaim(namespace).get(name) ?? [],
      viewer: { status: viewerStatus(viewer), url: viewerUrl(viewer) },
    };
  }

  /**
   * Every PVC of a namespace as the list shows it, sorted by name. Rebuilt only when something in
   * the namespace changed, and then only the PVCs whose own inputs changed are summarized again
   * (their resourceVersion, their events, the notebooks using them, their viewer): the others
   * keep their summary objects, and so their serialized JSON.
   */
  summaries(namespace: string): PvcSummary[] {
    const key = this.summariesVersion(namespace);
    const memo = this.summaryMemo.get(namespace);
    if (memo?.key === key) return memo.value;
    const viewers = this.viewersIn(namespace);
    const events = this.eventsByClaim(namespace);
    const users = this.notebooksByClaim(namespace);
    const name = (pvc: PvcObject) => pvc.metadata?.name ?? '';
    const value = this.rows
      .rebuild(
        namespace,
        this.pvcs.list(namespace),
        {
          name,
          key: (pvc) =>
            [
              pvc.metadata?.uid,
              pvc.metadata?.resourceVersion,
              (events.get(name(pvc)) ?? []).map((event) => event.metadata?.resourceVersion).join(','),
              (users.get(name(pvc)) ?? []).join(','),
              viewersOf(name(pvc), viewers)
                .map((viewer) => `${viewer.metadata?.name}@${viewer.metadata?.resourceVersion}`)
                .join(','),
            ].join('|'),
          build: (pvc) => ({ value: this.summary(pvc, viewers) }),
        },
        Date.now(),
      )
      .values.filter((summary) => summary.name)
      .sort((a, b) => a.name.localeCompare(b.name));
    this.summaryMemo.set(namespace, { key, value });
    return value;
  }

  /** Pods of a namespace that mount the PVC, by name. */
  podsMounting(namespace: string, pvcName: string): PodObject[] {
    return this.pods
      .list(namespace)
      .filter((pod) => podClaims(pod).includes(pvcName))
      .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  }
}
