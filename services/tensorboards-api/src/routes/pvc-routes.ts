import {
  CachedAnswers,
  NamespaceParams,
  type ServiceApp,
  etagFor,
  inNamespace,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';

/** GET /api/namespaces/{namespace}/pvcs: PVC names only, the shape the TensorBoards SPA expects. */
export function pvcRoutes(): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const pvcs = app.caches.cache(resources.persistentVolumeClaims);
    const answers = new CachedAnswers(4 * 1024 * 1024);
    app.get(
      '/api/namespaces/:namespace/pvcs',
      {
        config: {
          access: requires(inNamespace('list', resources.persistentVolumeClaims)),
          conditional: true,
        },
        schema: {
          tags: ['pvcs'],
          operationId: 'listPvcNames',
          summary: 'Names of the PVCs of a namespace (for pvc:// log paths)',
          params: NamespaceParams,
          response: { 200: successEnvelope({ pvcs: Type.Array(Type.String()) }) },
        },
      },
      async (request, reply) => {
        const { namespace } = request.params;
        const etag = etagFor(['pvc-names', request.identity?.name, namespace, pvcs.revision(namespace)]);
        return answers.send(request, reply, etag, () =>
          ok(request, {
            pvcs: pvcs
              .list(namespace)
              .map((pvc) => pvc.metadata?.name ?? '')
              .filter(Boolean)
              .sort(),
          }),
        );
      },
    );
  };
}
