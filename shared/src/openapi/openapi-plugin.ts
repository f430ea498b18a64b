import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { publicRoute } from '../auth/route-access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers with an ETag and a 304 to a matching If-None-Match (documented as such). */
    conditional?: boolean;
  }
}

export const OPENAPI_JSON_PATH = '/api/openapi.json';

type DocumentedSchema = FastifySchema & { hide?: boolean; response?: Record<string, unknown> };

/**
 * What the runtime schemas cannot say, added to the document only: a 304 for conditional routes,
 * and the Server-Sent Events answer of lists that take ?watch=true.
 */
export function documentedSchema(schema: DocumentedSchema | undefined, conditional: boolean) {
  if (!schema || schema.hide) return schema;
  const response = { ...(schema.response ?? {}) };
  let headers = schema.headers as { properties?: Record<string, unknown> } | undefined;
  if (conditional) {
    headers = {
      type: 'object',
      ...headers,
      properties: {
        ...headers?.properties,
        'if-none-match': {
          type: 'string',
          description: 'The ETag of an earlier answer: a 304 without a body while it is still current.',
        },
      },
    } as typeof headers;
    response['304'] = {
      type: 'null',
      description: 'Not Modified: nothing changed since the ETag sent in If-None-Match.',
    };
  }
  const query = schema.querystring as { properties?: Record<string, unknown> } | undefined;
  if (query?.properties?.watch && response['200']) {
    response['200'] = {
      description: 'The list as JSON; with ?watch=true, a stream of Server-Sent Events.',
      content: {
        'application/json': { schema: response['200'] },
        'text/event-stream': {
          schema: {
            type: 'string',
            description:
              'Events `snapshot` (data: the list), then `added`, `modified`, `deleted` (data: one summary), `error` (data: {success: false, status, log}; the stream ends); comment lines keep the connection alive.',
          },
        },
      },
    };
  }
  return { ...schema, ...(headers ? { headers } : {}), response };
}

export const DOCS_PATH = '/api/docs';

export interface OpenApiOptions {
  title: string;
  description: string;
  version: string;
}

/** OpenAPI 3 from the route schemas ($id names kept), served as JSON and as Swagger UI. */
export const openApiPlugin = fp<OpenApiOptions>(
  async (app, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: options.title, description: options.description, version: options.version },
        components: {
          securitySchemes: {
            userHeader: {
              type: 'apiKey',
              in: 'header',
              name: 'kubeflow-userid',
              description: 'Set by the gateway (Istio) after authentication; groups come in kubeflow-groups.',
            },
            bearerToken: {
              type: 'http',
              scheme: 'bearer',
              description:
                'A Kubernetes token (for example a ServiceAccount token), verified with a TokenReview. No CSRF header needed.',
            },
          },
        },
        security: [{ userHeader: [] }, { bearerToken: [] }],
      },
      transform: ({ schema, url, route }) => ({
        schema: documentedSchema(
          schema as DocumentedSchema,
          Boolean(route.config?.conditional),
        ) as FastifySchema,
        url,
      }),
      refResolver: {
        buildLocalReference(json, _baseUri, _fragment, index) {
          return typeof json.$id === 'string' ? json.$id : `def-${index}`;
        },
      },
    });

    app.get(
      OPENAPI_JSON_PATH,
      {
        config: { access: publicRoute('API description') },
        schema: { hide: true },
      },
      async () => app.swagger(),
    );

    await app.register(async (docs: FastifyInstance) => {
      docs.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: publicRoute('API documentation UI') };
      });
      await docs.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
    });
  },
  { name: 'kf-openapi' },
);
