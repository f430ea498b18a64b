import type { ServiceApp } from '@kf-ts/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';

/** Every route of the service, registered explicitly. */
export function routes(_config: Config): FastifyPluginAsync {
  return async (instance) => {
    const _app = instance as unknown as ServiceApp;
  };
}
