import { type ServiceApp, commonWebAppRoutes, resources } from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';

/** Every route of the service, registered explicitly. */
export function routes(_config: Config): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    await app.register(commonWebAppRoutes({ ownResource: resources.tensorboards }));
  };
}
