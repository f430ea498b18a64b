import type { FastifyBaseLogger as Logger } from 'fastify';
import type { KubeClient } from './kube-client.ts';
import type { KubeObject, ResourceRef } from './resources.ts';
import { WatchCache, type WatchCacheOptions } from './watch-cache.ts';

/** The watch caches one service keeps; readiness waits for all of them. */
export class CacheRegistry {
  private readonly caches = new Map<string, WatchCache>();
  private started = false;

  constructor(
    private readonly kube: KubeClient,
    private readonly logger?: Logger,
  ) {}

  /** The cache of a resource, created on first use and shared by every route of the service. */
  cache<T extends KubeObject>(resource: ResourceRef, options: WatchCacheOptions<T> = {}): WatchCache<T> {
    const key = [
      resource.group,
      resource.plural,
      options.namespace,
      options.labelSelector,
      options.fieldSelector,
    ].join('|');
    let cache = this.caches.get(key) as WatchCache<T> | undefined;
    if (!cache) {
      cache = new WatchCache<T>(this.kube, resource, { logger: this.logger, ...options });
      this.caches.set(key, cache as unknown as WatchCache);
      if (this.started) cache.start();
    }
    return cache;
  }

  all(): WatchCache[] {
    return [...this.caches.values()];
  }

  get synced(): boolean {
    return this.all().every((cache) => cache.synced);
  }

  start() {
    this.started = true;
    for (const cache of this.caches.values()) cache.start();
  }

  stop() {
    this.started = false;
    for (const cache of this.caches.values()) cache.stop();
  }

  async waitForSync(timeoutMs = 30_000) {
    await Promise.all(this.all().map((cache) => cache.waitForSync(timeoutMs)));
  }
}
