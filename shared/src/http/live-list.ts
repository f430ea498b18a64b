import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject } from '../kube/resources.ts';
import type { CacheEventType, WatchCache } from '../kube/watch-cache.ts';

/** `?watch=true` turns a list into a Server-Sent Events stream. */
export const WatchQuery = Type.Object({
  watch: Type.Optional(
    Type.Boolean({
      description:
        'Follow the list as Server-Sent Events (text/event-stream): a `snapshot` event with the whole list, then `added`, `modified` and `deleted` events with the same summaries (`modified` also when something a summary is made from changes, such as its pod, its events or the notebooks using a volume); access is re-checked periodically and an `error` event ends the stream when it is revoked.',
    }),
  ),
});

/**
 * A cache whose objects feed the list's summaries (a notebook's pod and events, a PVC's users):
 * a change there re-sends, as `modified`, the summaries of the list objects it names.
 */
export interface RelatedCache {
  cache: WatchCache;
  /** Names, in the object's namespace, of the list objects whose summary depends on it. */
  owners: (object: KubeObject) => readonly string[];
}

export interface LiveListOptions<T extends KubeObject> {
  cache: WatchCache<T>;
  /** Only objects in this namespace (omit for every namespace `includeNamespace` admits). */
  namespace?: string;
  /** For cross-namespace streams: which namespaces the caller may see (re-evaluated on recheck). */
  includeNamespace?: (namespace: string) => boolean;
  /** The same summary the list answers with. */
  summarize: (object: T) => unknown;
  /**
   * Keeps only summaries the caller asked for (the list's own filters). An object that stops
   * matching is sent as `deleted`, one that starts matching as `added`.
   */
  keep?: (summary: unknown) => boolean;
  /** Re-authorizes the caller; a false or a throw ends the stream. */
  recheck: () => Promise<boolean>;
  recheckIntervalMs?: number;
  heartbeatMs?: number;
  /**
   * Caches the summaries also depend on. Linked once per pair of caches (the first stream's
   * `owners` serves every later stream of the same list cache).
   */
  related?: RelatedCache[];
}

interface Subscriber {
  matches(namespace: string): boolean;
  change(type: CacheEventType, object: KubeObject): void;
}

const hubs = new WeakMap<WatchCache, Set<Subscriber>>();
/** Open streams per HTTP server, so closing the app ends them instead of waiting on them. */
const openStreams = new WeakMap<object, Set<() => void>>();

let openStreamCount = 0;
/** Streams open in this process (metrics: live_list_streams). */
export function liveStreamCount(): number {
  return openStreamCount;
}

export function endLiveStreams(server: object) {
  for (const end of openStreams.get(server) ?? []) end();
}

/** One listener per cache fans changes out to every subscriber. */
function subscribersOf(cache: WatchCache): Set<Subscriber> {
  let subscribers = hubs.get(cache);
  if (!subscribers) {
    const set = new Set<Subscriber>();
    subscribers = set;
    hubs.set(cache, set);
    cache.on('change', (type: CacheEventType, object: KubeObject) => {
      const namespace = object.metadata?.namespace ?? '';
      for (const subscriber of set) {
        if (subscriber.matches(namespace)) subscriber.change(type, object);
      }
    });
  }
  return subscribers;
}

const links = new WeakMap<WatchCache, WeakSet<WatchCache>>();
/** Changes in `related` re-send the summaries of the list objects they name. */
function linkRelated(list: WatchCache, related: RelatedCache) {
  let linked = links.get(list);
  if (!linked) {
    linked = new WeakSet();
    links.set(list, linked);
  }
  if (linked.has(related.cache)) return;
  linked.add(related.cache);
  const subscribers = subscribersOf(list);
  related.cache.on('change', (_type: CacheEventType, object: KubeObject, previous?: KubeObject) => {
    if (subscribers.size === 0) return;
    const namespace = object.metadata?.namespace ?? '';
    const names = new Set(related.owners(object));
    if (previous && previous !== object) for (const name of related.owners(previous)) names.add(name);
    for (const name of names) {
      const owner = list.get(namespace, name);
      if (!owner) continue;
      for (const subscriber of subscribers) {
        if (subscriber.matches(namespace)) subscriber.change('modified', owner);
      }
    }
  });
}

export function liveSubscriberCount(cache: WatchCache): number {
  return hubs.get(cache)?.size ?? 0;
}

/**
 * Follows a list as Server-Sent Events: first `snapshot` (the whole list), then `added`,
 * `modified` and `deleted` as the watch cache sees them, with heartbeats. Authorization is
 * checked before (by the route) and re-checked every `recheckIntervalMs`; a revoked caller gets
 * an `error` event and the stream ends.
 */
export function streamList<T extends KubeObject>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: LiveListOptions<T>,
) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  raw.socket?.setTimeout(0);
  let closed = false;
  const send = (event: string, data: unknown) => {
    if (closed) return;
    raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const matches = (namespace: string) =>
    options.namespace !== undefined
      ? namespace === options.namespace
      : (options.includeNamespace?.(namespace) ?? true);
  // With a filter, what this caller currently sees (namespace/name), so that leaving or entering
  // the filter turns into `deleted` or `added`.
  const { keep } = options;
  const visible = new Set<string>();
  const keyOf = (object: KubeObject) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  const subscriber: Subscriber = {
    matches,
    change(type, object) {
      const gone = { name: object.metadata?.name, namespace: object.metadata?.namespace ?? '' };
      if (!keep) {
        send(type, type === 'deleted' ? gone : options.summarize(object as T));
        return;
      }
      const key = keyOf(object);
      const summary = type === 'deleted' ? undefined : options.summarize(object as T);
      if (summary !== undefined && keep(summary)) {
        send(visible.has(key) ? 'modified' : 'added', summary);
        visible.add(key);
      } else if (visible.delete(key)) {
        send('deleted', gone);
      }
    },
  };
  const initial = options.cache
    .list(options.namespace)
    .filter((object) => matches(object.metadata?.namespace ?? ''));
  const snapshot: unknown[] = [];
  for (const object of initial) {
    const summary = options.summarize(object);
    if (keep && !keep(summary)) continue;
    if (keep) visible.add(keyOf(object));
    snapshot.push(summary);
  }
  send('snapshot', snapshot);
  const subscribers = subscribersOf(options.cache as unknown as WatchCache);
  subscribers.add(subscriber);
  for (const related of options.related ?? []) linkRelated(options.cache as unknown as WatchCache, related);

  const heartbeat = setInterval(() => {
    if (!closed) raw.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  const recheck = setInterval(() => {
    options.recheck().then(
      (allowed) => {
        if (!allowed) end({ status: 403, log: 'Access was revoked; the stream is closed.' });
      },
      () => end({ status: 503, log: 'Could not re-check access; the stream is closed.' }),
    );
  }, options.recheckIntervalMs ?? 15_000);
  heartbeat.unref();
  recheck.unref();

  function end(error?: { status: number; log: string }) {
    if (closed) return;
    if (error) send('error', { success: false, ...error });
    closed = true;
    clearInterval(heartbeat);
    clearInterval(recheck);
    subscribers.delete(subscriber);
    raw.end();
  }
  let streams = openStreams.get(request.server.server);
  if (!streams) {
    streams = new Set();
    openStreams.set(request.server.server, streams);
  }
  const stop = () => end();
  streams.add(stop);
  openStreamCount++;
  raw.on('close', () => {
    if (streams.delete(stop)) openStreamCount--;
    end();
  });
  return reply;
}
