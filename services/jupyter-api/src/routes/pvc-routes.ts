import {
  NamespaceParams,
  type ServiceApp,
  inNamespace,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type PvcObject, pvcChoices } from '../pvc-choice.ts';

/** GET /api/namespaces/{namespace}/pvcs, from the PVC watch cache. */
export function pvcRoutes(): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const pvcs = app.caches.cache<PvcObject>(resources.persistentVolumeClaims);
    app.get(
      '/api/namespaces/:namespace/pvcs',
      {
        config: { access: requires(inNamespace('list', resources.persistentVolumeClaims)) },
        schema: {
          tags: ['volumes'],
          operationId: 'listNotebookPvcs',
          summary: 'PVCs of a namespace, for the spawner form',
          params: NamespaceParams,
          response: {
            200: successEnvelope({
              pvcs: Type.Array(
                Type.Object({
                  name: Type.String(),
                  size: Type.String({ description: 'spec.resources.requests.storage, or ""' }),
                  mode: Type.String({ description: 'The first access mode, or ""' }),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ok(request, { pvcs: pvcChoices(pvcs.list(request.params.namespace)) }),
    );
  };
}
