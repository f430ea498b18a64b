/**
 * The whole system in one test process: the four services on real sockets (built with their own
 * buildApp, acting as their deployed ServiceAccounts) behind the development gateway, and typed
 * clients generated from the OpenAPI documents (openapi-fetch + e2e/generated).
 */
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import type { FastifyInstance } from 'fastify';
import { serviceKube } from '../shared/test-support/index.ts';
import { buildGateway, type DevUser } from '../tools/dev-gateway/gateway.ts';
import type { paths as JupyterPaths } from './generated/jupyter-api.ts';
import type { paths as ProfilesPaths } from './generated/profiles-api.ts';
import type { paths as VolumesPaths } from './generated/volumes-api.ts';
import type { paths as TensorboardsPaths } from './generated/tensorboards-api.ts';

/** JSON answers only: lists also document a text/event-stream answer for ?watch=true. */
type JsonMedia = 'application/json';

interface Buildable {
  buildApp(options: { config: never; kube: never; logger?: false }): Promise<FastifyInstance>;
}
interface Configurable {
  loadServiceConfig(env?: Record<string, string>): unknown;
}

const SERVICES = {
  jupyter: 'jupyter-api',
  volumes: 'volumes-api',
  tensorboards: 'tensorboards-api',
  profiles: 'profiles-api',
} as const;

/** Short SAR reuse so access changes show within a second, as tests need. */
const ENV = {
  APP_SECURE_COOKIES: 'false',
  SAR_CACHE_ALLOW_TTL_SECONDS: '1',
  SAR_CACHE_DENY_TTL_SECONDS: '1',
};

export interface Stack {
  gateway: string;
  apps: FastifyInstance[];
  close(): Promise<void>;
  clients(user: string): {
    jupyter: ReturnType<typeof createClient<JupyterPaths, JsonMedia>>;
    volumes: ReturnType<typeof createClient<VolumesPaths, JsonMedia>>;
    tensorboards: ReturnType<typeof createClient<TensorboardsPaths, JsonMedia>>;
    profiles: ReturnType<typeof createClient<ProfilesPaths, JsonMedia>>;
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export async function startStack(users: DevUser[]): Promise<Stack> {
  const apps: FastifyInstance[] = [];
  const urls: Record<string, string> = {};
  for (const [key, service] of Object.entries(SERVICES)) {
    const { buildApp } = (await import(`../services/${service}/src/app.ts`)) as Buildable;
    const { loadServiceConfig } = (await import(`../services/${service}/src/config.ts`)) as Configurable;
    const app = await buildApp({
      config: loadServiceConfig(ENV) as never,
      kube: (await serviceKube(service)) as never,
      logger: false,
    });
    await app.ready();
    await (app as unknown as { caches: { waitForSync(): Promise<void> } }).caches.waitForSync();
    apps.push(app);
    urls[key] = await listen(app);
  }
  const gateway = await buildGateway({
    upstreams: {
      jupyter: urls.jupyter!,
      volumes: urls.volumes!,
      tensorboards: urls.tensorboards!,
      profiles: urls.profiles!,
    },
    users,
  });
  apps.push(gateway);
  const origin = await listen(gateway);
  return {
    gateway: origin,
    apps,
    async close() {
      for (const app of apps.reverse()) await app.close();
    },
    clients(user: string) {
      // What a browser behind the gateway sends: the dev-user choice and the double-submit CSRF pair.
      const headers = {
        cookie: `kf-dev-user=${encodeURIComponent(user)}; XSRF-TOKEN=e2e-token`,
        'x-xsrf-token': 'e2e-token',
      };
      return {
        jupyter: createClient<JupyterPaths, JsonMedia>({ baseUrl: `${origin}/jupyter`, headers }),
        volumes: createClient<VolumesPaths, JsonMedia>({ baseUrl: `${origin}/volumes`, headers }),
        tensorboards: createClient<TensorboardsPaths, JsonMedia>({
          baseUrl: `${origin}/tensorboards`,
          headers,
        }),
        profiles: createClient<ProfilesPaths, JsonMedia>({ baseUrl: origin, headers }),
      };
    },
  };
}
