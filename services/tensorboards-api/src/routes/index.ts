import { type ServiceApp, commonWebAppRoutes, podDefaultRoutes, resources } from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { EventObject, TensorboardObject } from '../tensorboard-status.ts';
import { TensorboardViews } from '../tensorboard-views.ts';
import { pvcRoutes } from './pvc-routes.ts';
import { tensorboardRoutes } from './tensorboard-routes.ts';

/** Every route of the service, registered explicitly. */
export function routes(config: Config): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const views = new TensorboardViews(
      app.caches.cache<TensorboardObject>(resources.tensorboards),
      app.caches.cache<EventObject>(resources.events, { fieldSelector: 'involvedObject.kind=Tensorboard' }),
    );
    await app.register(commonWebAppRoutes({ ownResource: resources.tensorboards }));
    await app.register(podDefaultRoutes());
    await app.register(pvcRoutes());
    await app.register(tensorboardRoutes(config, views));
  };
}
