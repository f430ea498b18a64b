import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicRoute } from '../auth/route-access.ts';

export const OPENAPI_JSON_PATH = '/api/openapi.json';
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
