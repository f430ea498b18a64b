/** Builds each service's OpenAPI document from its route schemas, without a cluster. */
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient, type ServiceApp } from '@kf-ts/shared';
import { join } from 'node:path';
import { REPO_ROOT } from '../control-plane/control-plane.ts';

export const SERVICES = ['jupyter-api', 'volumes-api', 'tensorboards-api', 'profiles-api'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const documentPath = (service: ServiceName) => join(REPO_ROOT, 'services', service, 'openapi.json');

async function offlineKube(): Promise<KubeClient> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'offline', server: 'https://127.0.0.1:9', skipTLSVerify: true }],
    users: [{ name: 'offline' }],
    contexts: [{ name: 'offline', cluster: 'offline', user: 'offline' }],
    currentContext: 'offline',
  });
  return KubeClient.create({ kubeConfig });
}

interface ServiceModule {
  buildApp(options: {
    config: never;
    kube: KubeClient;
    logger?: false;
    connect?: boolean;
  }): Promise<ServiceApp>;
}
interface ConfigModule {
  loadServiceConfig(env?: Record<string, string | undefined>): unknown;
}

export async function buildDocument(service: ServiceName): Promise<string> {
  const appModule = (await import(`../../services/${service}/src/app.ts`)) as ServiceModule;
  const configModule = (await import(`../../services/${service}/src/config.ts`)) as ConfigModule;
  const kube = await offlineKube();
  const app = await appModule.buildApp({
    config: configModule.loadServiceConfig({}) as never,
    kube,
    logger: false,
    connect: false,
  });
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  kube.close();
  return document;
}
