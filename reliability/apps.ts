/** The four services built in-process against the test cluster, acting as their ServiceAccounts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { serviceKube } from '../shared/test-support/index.ts';
import { REPO_ROOT } from '../tools/control-plane/control-plane.ts';

export const SERVICE_NAMES = ['jupyter-api', 'volumes-api', 'tensorboards-api', 'profiles-api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

interface Buildable {
  buildApp(options: { config: never; kube: never; logger?: false }): Promise<FastifyInstance>;
}
interface Configurable {
  loadServiceConfig(env?: Record<string, string>): unknown;
}

export async function buildServiceApp(
  service: ServiceName,
  env: Record<string, string> = {},
): Promise<FastifyInstance> {
  const { buildApp } = (await import(`../services/${service}/src/app.ts`)) as Buildable;
  const { loadServiceConfig } = (await import(`../services/${service}/src/config.ts`)) as Configurable;
  const app = await buildApp({
    config: loadServiceConfig({ APP_SECURE_COOKIES: 'false', ...env }) as never,
    kube: (await serviceKube(service)) as never,
    logger: false,
  });
  await app.ready();
  await (app as unknown as { caches: { waitForSync(): Promise<void> } }).caches.waitForSync();
  return app;
}

export interface Operation {
  service: ServiceName;
  method: string;
  path: string;
  operationId: string;
  /** JSON schema of the request body, when there is one. */
  body?: Record<string, unknown>;
  query?: { name: string; required: boolean; schema: Record<string, unknown> }[];
}

/** Every operation of every service, from the committed OpenAPI documents. */
export function operations(): Operation[] {
  const found: Operation[] = [];
  for (const service of SERVICE_NAMES) {
    const document = JSON.parse(
      readFileSync(join(REPO_ROOT, 'services', service, 'openapi.json'), 'utf8'),
    ) as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
            parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
          }
        >
      >;
    };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        found.push({
          service,
          method: method.toUpperCase(),
          path,
          operationId: operation.operationId,
          body: operation.requestBody?.content?.['application/json']?.schema,
          query: (operation.parameters ?? [])
            .filter((parameter) => parameter.in === 'query')
            .map((parameter) => ({
              name: parameter.name,
              required: parameter.required === true,
              schema: parameter.schema,
            })),
        });
      }
    }
  }
  return found;
}
