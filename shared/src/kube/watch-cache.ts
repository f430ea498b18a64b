import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { KubeClient } from './kube-client.ts';
import { KubeRequestError } from './kube-errors.ts';
import { type KubeObject, type ResourceRef, collectionPath } from './resources.ts';

export type CacheEventType = 'added' | 'modified' | 'deleted';

export interface WatchCacheOptions<T extends KubeObject> {
  /** Restrict to one namespace (default: all namespaces the service can watch). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Trims objects before they are stored (for example to drop managedFields). */
  transform?: (object: T) => T;
  logger?: Logger;
  pageSize?: number;
  maxBackoffMs?: number;
}

const CLUSTER_SCOPE = '';

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

function dropManagedFields<T extends KubeObject>(object: T): T {
  if (object.metadata?.managedFields) delete object.metadata.managedFields;
  return object;
}

function resourceVersionNumber(object: KubeObject | undefined): bigint {
  try {
    return BigInt(object?.metadata?.resourceVersion ?? '0');
  } catch {
    return 0n;
  }
}

/**
 * An informer: lists once, then watches, keeping every object in memory with a per-namespace
 * index. It restarts with exponential backoff on errors, relists on 410 Gone, and exposes
 * `synced` for readiness. `revision(ns)` changes whenever anything in that namespace changes,
 * which callers use to reuse serialized answers and to build ETags.
 */
export class WatchCache<T extends KubeObject = KubeObject> extends EventEmitter {
  readonly resource: ResourceRef;
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly revisions = new Map<string, number>();
  private globalRevision = 0;
  private resourceVersion = '';
  private abort: AbortController | undefined;
  private stopped = true;
  private syncedOnce = false;
  private connected = false;
  private backoffMs = 250;
  private syncWaiters: (() => void)[] = [];
  private wakeUp: (() => void) | undefined;
  private startedAt = 0;
  lastError: string | undefined;
  restarts = 0;

  constructor(
    private readonly kube: KubeClient,
    resource: ResourceRef,
    private readonly options: WatchCacheOptions<T> = {},
  ) {
    super();
    this.resource = resource;
    this.setMaxListeners(0);
  }

  /** True once the first list has completed; stays true across reconnects (stale but served). */
  get synced(): boolean {
    return this.syncedOnce;
  }

  /** True while a watch is open (the data is current). */
  get live(): boolean {
    return this.connected;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.startedAt = Date.now();
    void this.run();
    return this;
  }

  stop() {
    this.stopped = true;
    this.abort?.abort();
    this.wakeUp?.();
  }

  waitForSync(timeoutMs = 30_000): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `cache of ${this.resource.plural} not synced after ${timeoutMs} ms: ${this.lastError ?? ''}`,
            ),
          ),
        timeoutMs,
      );
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(namespace ?? CLUSTER_SCOPE)?.get(name);
  }

  /** Objects in one namespace, or all objects when no namespace is given. */
  list(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    const all: T[] = [];
    for (const objects of this.byNamespace.values()) for (const object of objects.values()) all.push(object);
    return all;
  }

  namespaces(): string[] {
    return [...this.byNamespace.keys()];
  }

  get size(): number {
    let count = 0;
    for (const objects of this.byNamespace.values()) count += objects.size;
    return count;
  }

  /** Changes whenever an object in `namespace` (or anywhere, without one) is added, changed or removed. */
  revision(namespace?: string): number {
    return namespace === undefined ? this.globalRevision : (this.revisions.get(namespace) ?? 0);
  }

  /** Read-your-writes: store the API server's answer to a write before the watch delivers it. */
  applyWrite(object: T) {
    this.upsert(this.prepare(object));
  }

  applyDelete(namespace: string | undefined, name: string) {
    const existing = this.get(namespace, name);
    if (existing) this.remove(existing);
  }

  private prepare(object: T): T {
    const trimmed = dropManagedFields(object);
    return this.options.transform ? this.options.transform(trimmed) : trimmed;
  }

  private bump(namespace: string) {
    this.globalRevision++;
    this.revisions.set(namespace, (this.revisions.get(namespace) ?? 0) + 1);
  }

  private upsert(object: T) {
    const namespace = object.metadata?.namespace ?? CLUSTER_SCOPE;
    const name = object.metadata?.name;
    if (!name) return;
    let objects = this.byNamespace.get(namespace);
    if (!objects) {
      objects = new Map();
      this.byNamespace.set(namespace, objects);
    }
    const previous = objects.get(name);
    // Never go back in time: a write's answer may arrive after a newer watch event.
    if (previous && resourceVersionNumber(previous) > resourceVersionNumber(object)) return;
    if (previous?.metadata?.resourceVersion === object.metadata?.resourceVersion && previous) return;
    objects.set(name, object);
    this.bump(namespace);
    this.emit('change', previous ? 'modified' : 'added', object, previous);
  }

  private remove(object: KubeObject) {
    const namespace = object.metadata?.namespace ?? CLUSTER_SCOPE;
    const name = object.metadata?.name ?? '';
    const objects = this.byNamespace.get(namespace);
    const previous = objects?.get(name);
    if (!objects || !previous) return;
    objects.delete(name);
    if (objects.size === 0) this.byNamespace.delete(namespace);
    this.bump(namespace);
    this.emit('change', 'deleted', previous, previous);
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    // The first list is served from the API server's own watch cache (resourceVersion=0, as
    // client-go's informers do): one fast answer instead of pages read from etcd. Relists after
    // an error or a 410 read consistently from etcd, in pages.
    const fromWatchCache = !this.syncedOnce && this.options.pageSize === undefined;
    do {
      const page = await this.kube.list<T>(this.resource, {
        namespace: this.options.namespace,
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        ...(fromWatchCache
          ? { resourceVersion: '0' }
          : { limit: this.options.pageSize ?? 500, continue: continueToken }),
      });
      for (const item of page.items ?? []) {
        const object = this.prepare(item);
        if (object.metadata?.name)
          fresh.set(keyOf(object.metadata.namespace ?? CLUSTER_SCOPE, object.metadata.name), object);
      }
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken);
    // Replace the store, announcing the difference so derived indexes stay right.
    for (const existing of this.list()) {
      const key = keyOf(existing.metadata?.namespace ?? CLUSTER_SCOPE, existing.metadata?.name ?? '');
      if (!fresh.has(key)) this.remove(existing);
    }
    for (const object of fresh.values()) this.upsert(object);
    this.resourceVersion = resourceVersion;
    if (!this.syncedOnce) {
      this.syncedOnce = true;
      this.options.logger?.info(
        { k8s: this.resource.plural, objects: fresh.size, ms: Date.now() - this.startedAt },
        'watch cache synced',
      );
      for (const waiter of this.syncWaiters.splice(0)) waiter();
      this.emit('synced');
    }
  }

  /** Resolves when the watch ends; 'gone' means the resourceVersion expired and a relist is due. */
  private watchOnce(): Promise<'gone' | 'closed' | Error> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: 'gone' | 'closed' | Error) => {
        if (settled) return;
        settled = true;
        this.connected = false;
        resolve(result);
      };
      const path = collectionPath(this.resource, this.options.namespace);
      this.kube
        .watch(
          path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            labelSelector: this.options.labelSelector,
            fieldSelector: this.options.fieldSelector,
            timeoutSeconds: 300 + Math.floor(Math.random() * 120),
          },
          (type, object) => {
            if (type === 'ERROR') {
              const code = (object as { code?: number }).code;
              finish(
                code === 410 ? 'gone' : new Error((object as { message?: string }).message ?? 'watch error'),
              );
              this.abort?.abort();
              return;
            }
            const rv = object.metadata?.resourceVersion;
            if (rv) this.resourceVersion = rv;
            if (type === 'BOOKMARK') return;
            if (type === 'DELETED') this.remove(object);
            else this.upsert(this.prepare(object as T));
            this.backoffMs = 250;
          },
          (err) => {
            if (!err) return finish('closed');
            const status = (err as { statusCode?: number; code?: number }).statusCode;
            finish(status === 410 ? 'gone' : err instanceof Error ? err : new Error(String(err)));
          },
        )
        .then(
          (abort) => {
            this.abort = abort;
            // A watch that already failed (connection refused) must not read as live.
            if (!settled) this.connected = true;
            if (this.stopped) abort.abort();
          },
          (err) => finish(err instanceof Error ? err : new Error(String(err))),
        );
    });
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run() {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) await this.relist();
        needList = false;
        const outcome = await this.watchOnce();
        if (this.stopped) break;
        if (outcome === 'closed') continue;
        needList = true;
        if (outcome === 'gone') continue;
        throw outcome;
      } catch (err) {
        if (this.stopped) break;
        needList = true;
        this.restarts++;
        this.lastError = err instanceof KubeRequestError ? `${err.status} ${err.message}` : String(err);
        this.options.logger?.warn(
          { k8s: this.resource.plural, err: this.lastError, retryInMs: this.backoffMs },
          'watch cache interrupted; retrying',
        );
        await this.sleep(this.backoffMs + Math.random() * 100);
        // Capped low: after an outage the cache must catch up within seconds of the API server's return.
        this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 4_000);
      }
    }
  }
}
