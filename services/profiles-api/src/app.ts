import { type KubeClient, type ServiceApp, createServiceApp, resources } from '@kf-ts/shared';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { createProfilesContext, routes } from './routes/index.ts';

export interface BuildOptions {
  config: Config;
  kube: KubeClient;
  logger?: FastifyServerOptions['logger'];
  /** Start watch caches (off when only the OpenAPI document is wanted). */
  connect?: boolean;
}

export const SERVICE_NAME = 'profiles-api';

/** Builds the profiles-api app; tests call it and use inject(). */
export async function buildApp(options: BuildOptions): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: SERVICE_NAME,
    title: 'Profiles and access management API',
    description:
      'Profiles (multi-user namespaces) and their contributors: Kubeflow access management (KFAM) and the central dashboard workgroup API.',
    version: '1.0.0',
    config: options.config,
    kube: options.kube,
    logger: options.logger,
    connect: options.connect,
    // Istio may be missing: bindings are then RoleBindings only.
    optionalApis: [resources.authorizationPolicies],
  });
  await app.register(routes(createProfilesContext(app, options.config)));
  return app;
}
