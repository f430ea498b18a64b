import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

/** Differs per process, so revision counters that restart at 0 never collide across restarts. */
const BOOT_ID = randomBytes(6).toString('hex');
/** The same caller polling the same version asks for the same ETag again and again. */
const recent = new LRUCache<string, string>({
  max: 10_000,
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: (_etag, key) => key.length + 40,
});

/**
 * A weak ETag for an answer computed from watch-cache state: the parts name exactly what the
 * caller asked for (route, namespace, filters, the namespaces they may see) and the cache
 * revisions it was built from.
 */
export function etagFor(parts: readonly (string | number | boolean | undefined)[]): string {
  const key = parts.map(String).join('\u0000');
  let etag = recent.get(key);
  if (!etag) {
    const hash = createHash('sha1').update(BOOT_ID).update('\u0000').update(key).digest('base64url');
    etag = `W/"${hash}"`;
    recent.set(key, etag);
  }
  return etag;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/**
 * Sets ETag and `Cache-Control: no-cache` (browsers revalidate every time) and answers
 * 304 Not Modified when the client already has this version. Call after authorization.
 * Returns true when the 304 was sent.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  reply.header('vary', 'kubeflow-userid, kubeflow-groups, authorization, accept-encoding');
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!matches(request.headers['if-none-match'], etag)) return false;
  reply.code(304).send();
  return true;
}
