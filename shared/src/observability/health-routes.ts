import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { publicRoute } from '../auth/route-access.ts';
import type { CacheRegistry } from '../kube/cache-registry.ts';
import type { KubeClient } from '../kube/kube-client.ts';

const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    checks: Type.Optional(
      Type.Object({
        apiServer: Type.Boolean({ description: 'The Kubernetes API server answered /readyz' }),
        caches: Type.Record(
          Type.String(),
          Type.Object({ synced: Type.Boolean(), live: Type.Boolean(), objects: Type.Integer() }),
        ),
      }),
    ),
  },
  { $id: 'Health' },
);

/** Liveness is the process; readiness is the API server reachable and every watch cache synced. */
export function healthRoutes(kube: KubeClient, caches: CacheRegistry): FastifyPluginAsync {
  let lastProbe = { at: 0, ok: false };
  async function apiServerReachable(): Promise<boolean> {
    if (Date.now() - lastProbe.at < 1000) return lastProbe.ok;
    let ok = false;
    try {
      await kube.request('GET', '/readyz', { text: true, timeoutMs: 2000, operation: 'readyz' });
      ok = true;
    } catch {
      ok = false;
    }
    lastProbe = { at: Date.now(), ok };
    return ok;
  }

  return async (app) => {
    app.addSchema(Health);
    app.get(
      '/healthz/liveness',
      {
        config: { access: publicRoute('liveness probe') },
        schema: {
          tags: ['health'],
          operationId: 'getLiveness',
          summary: 'Liveness: the process is up',
          response: { 200: Type.Ref(Health) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/healthz/readiness',
      {
        config: { access: publicRoute('readiness probe') },
        schema: {
          tags: ['health'],
          operationId: 'getReadiness',
          summary: 'Readiness: the API server is reachable and every watch cache has synced',
          response: { 200: Type.Ref(Health), 503: Type.Ref(Health) },
        },
      },
      async (_request, reply) => {
        const apiServer = await apiServerReachable();
        const cacheStates = Object.fromEntries(
          caches
            .all()
            .map((cache) => [
              cache.resource.plural,
              { synced: cache.synced, live: cache.live, objects: cache.size },
            ]),
        );
        const ready = apiServer && caches.synced;
        return reply.code(ready ? 200 : 503).send({
          status: ready ? ('ok' as const) : ('unavailable' as const),
          checks: { apiServer, caches: cacheStates },
        });
      },
    );
  };
}
