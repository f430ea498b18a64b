import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { notModified } from './conditional.ts';
import { SerializedJson } from './serialized-list.ts';

interface Entry {
  json: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

function preferredEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const accepted = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return undefined;
}

/**
 * Answers computed from watch caches, serialized (through the route's response schema) and
 * compressed once per version, then reused for every poll until the ETag changes. A poll with a
 * matching If-None-Match gets a 304. Call after authorization.
 */
export class CachedAnswers {
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) =>
        entry.json.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0) + 64,
    });
  }

  send(request: FastifyRequest, reply: FastifyReply, etag: string, build: () => unknown): FastifyReply {
    if (notModified(request, reply, etag)) return reply;
    let entry = this.entries.get(etag);
    if (!entry) {
      const built = build();
      // Lists of pre-serialized items come as JSON; anything else goes through the route schema.
      const json = built instanceof SerializedJson ? built.json : (reply.serialize(built) as string);
      entry = { json: Buffer.from(json) };
      if (entry.json.length < this.entries.maxSize) this.entries.set(etag, entry);
    }
    reply.type('application/json; charset=utf-8');
    const encoding =
      entry.json.length >= 1024 ? preferredEncoding(request.headers['accept-encoding']) : undefined;
    if (encoding === 'br') {
      entry.br ??= brotliCompressSync(entry.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      return reply.header('content-encoding', 'br').send(entry.br);
    }
    if (encoding === 'gzip') {
      entry.gzip ??= gzipSync(entry.json, { level: 6 });
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(entry.json);
  }
}
