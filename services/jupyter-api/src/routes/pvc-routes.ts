import {
  type KubeObject,
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

interface PvcObject extends KubeObject {
  spec?: { resources?: { requests?: { storage?: unknown } }; accessModes?: unknown };
}

/** What the spawner form needs to offer existing volumes; odd PVCs show what is known. */
export function pvcChoice(pvc: PvcObject) {
  const storage = pvc.spec?.resources?.requests?.storage;
  const modes = pvc.spec?.accessModes;
  return {
    name: pvc.metadata?.name ?? '',
    size: typeof storage === 'string' ? storage : typeof storage === 'number' ? String(storage) : '',
    mode: Array.isArray(modes) && typeof modes[0] === 'string' ? modes[0] : '',
  };
}

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
      async (request) => {
        const items = pvcs
          .list(request.params.namespace)
          .map(pvcChoice)
          .sort((a, b) => a.name.localeCompare(b.name));
        return ok(request, { pvcs: items });
      },
    );
  };
}
