import { type KubeClient, type ServiceApp, createServiceApp, resources } from '@kf-ts/shared';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { createVolumesContext, routes } from './routes/index.ts';

export interface BuildOptions {
  config: Config;
  kube: KubeClient;
  logger?: FastifyServerOptions['logger'];
  /** Start watch caches (off when only the OpenAPI document is wanted). */
  connect?: boolean;
}

export const SERVICE_NAME = 'volumes-api';

/** Builds the volumes-api app; tests call it and use inject(). */
export async function buildApp(options: BuildOptions): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: SERVICE_NAME,
    title: 'Volumes API',
    description:
      'PersistentVolumeClaims, PVC viewers and storage classes. Compatible with the Kubeflow Volumes web app.',
    version: '1.0.0',
    config: options.config,
    kube: options.kube,
    logger: options.logger,
    connect: options.connect,
    serveSpa: true,
    // Viewers and snapshots are optional: without their CRDs the rest keeps working.
    optionalApis: [resources.pvcViewers, resources.volumeSnapshots],
  });
  await app.register(routes(createVolumesContext(app, options.config, options.connect !== false)));
  return app;
}
