import {
  type ServiceApp,
  type KubeObject,
  authenticatedRoute,
  ok,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { configuredGpuVendors } from '../notebook-form.ts';
import { SpawnerFormDefaultsSchema } from '../spawner-config.ts';
import type { JupyterContext } from './index.ts';

interface NodeObject extends KubeObject {
  status?: { capacity?: Record<string, unknown> };
}

/** GET /api/config and GET /api/gpus. */
export function configRoutes(context: JupyterContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const nodes = app.caches.cache<NodeObject>(resources.nodes);
    app.addSchema(SpawnerFormDefaultsSchema);

    app.get(
      '/api/config',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags: ['config'],
          operationId: 'getSpawnerConfig',
          summary: 'The spawner form config (spawnerFormDefaults)',
          description:
            'The `spawnerFormDefaults` of the spawner config at SPAWNER_CONFIG_PATH (the mounted ConfigMap), else the bundled default. Reloaded when the file changes.',
          response: { 200: successEnvelope({ config: Type.Ref(SpawnerFormDefaultsSchema) }) },
        },
      },
      async (request) => ok(request, { config: context.spawner.current.defaults }),
    );

    app.get(
      '/api/gpus',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags: ['config'],
          operationId: 'listGpuVendors',
          summary: 'Configured GPU vendors that some node offers',
          description:
            "The configured vendors' limitsKey values found in at least one node's status.capacity (from the node watch cache).",
          response: { 200: successEnvelope({ vendors: Type.Array(Type.String()) }) },
        },
      },
      async (request) => {
        const installed = new Set<string>();
        for (const node of nodes.list()) {
          const capacity = node.status?.capacity;
          if (capacity && typeof capacity === 'object')
            for (const key of Object.keys(capacity)) installed.add(key);
        }
        const vendors = configuredGpuVendors(context.spawner.current.defaults)
          .map((vendor) => vendor.limitsKey)
          .filter((key, index, all) => installed.has(key) && all.indexOf(key) === index)
          .sort();
        return ok(request, { vendors });
      },
    );
  };
}
