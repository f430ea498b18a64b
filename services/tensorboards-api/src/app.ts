import { type KubeClient, type ServiceApp, createServiceApp } from '@kf-ts/shared';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { routes } from './routes/index.ts';

export interface BuildOptions {
  config: Config;
  kube: KubeClient;
  logger?: FastifyServerOptions['logger'];
  /** Start watch caches (off when only the OpenAPI document is wanted). */
  connect?: boolean;
}

export const SERVICE_NAME = 'tensorboards-api';

/** Builds the tensorboards-api app; tests call it and use inject(). */
export async function buildApp(options: BuildOptions): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: SERVICE_NAME,
    title: 'TensorBoards API',
    description: 'TensorBoard servers (Tensorboard CRs). Compatible with the Kubeflow TensorBoards web app.',
    version: '1.0.0',
    config: options.config,
    kube: options.kube,
    logger: options.logger,
    connect: options.connect,
    serveSpa: true,
  });
  await app.register(routes(options.config));
  return app;
}
