import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { authorizationPlugin } from './auth/authorization-plugin.ts';
import { csrfPlugin } from './auth/csrf-plugin.ts';
import { identityPlugin } from './auth/identity-plugin.ts';
import { publicRoute } from './auth/route-access.ts';
import { SarCache } from './auth/sar-cache.ts';
import { TokenReviewer } from './auth/token-review.ts';
import { type BaseConfig, authDisabled, envFlag } from './config.ts';
import { ErrorEnvelopeSchema, FieldErrorSchema } from './http/envelope.ts';
import { errorHandlerPlugin, renderError, toApiError } from './http/error-handler-plugin.ts';
import { endLiveStreams } from './http/live-list.ts';
import { ApiDiscovery } from './kube/api-discovery.ts';
import { CacheRegistry } from './kube/cache-registry.ts';
import type { KubeClient } from './kube/kube-client.ts';
import type { ResourceRef } from './kube/resources.ts';
import { healthRoutes } from './observability/health-routes.ts';
import { RequestLogController, loggerOptions, requestIdFrom } from './observability/logger.ts';
import { ServiceMetrics } from './observability/metrics.ts';
import { openApiPlugin } from './openapi/openapi-plugin.ts';
import { spaPlugin } from './webapp/spa-plugin.ts';

export type ServiceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    config: BaseConfig;
    kube: KubeClient;
    caches: CacheRegistry;
    discovery: ApiDiscovery;
    metrics: ServiceMetrics;
  }
}

export interface ServiceAppOptions {
  /** Service name, used in logs and metrics (e.g. "jupyter-api"). */
  name: string;
  title: string;
  description: string;
  version: string;
  config: BaseConfig;
  kube: KubeClient;
  /** pino options, or false for silence (tests). Defaults to JSON logs at the configured level. */
  logger?: FastifyServerOptions['logger'];
  /** Start watch caches and discovery when the app is ready (off for OpenAPI export). */
  connect?: boolean;
  /** Serve the SPA named by SPA_DIR (the three web apps). */
  serveSpa?: boolean;
  /** CRDs the service can work without; discovered at start and on a timer. */
  optionalApis?: ResourceRef[];
}

/**
 * Builds a service with every cross-cutting piece in place (errors, identity, CSRF,
 * authorization, metrics, health, OpenAPI). Services only add routes.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const { config, kube } = options;
  const noAuth = authDisabled(config);
  const app = Fastify({
    logger: options.logger ?? loggerOptions(options.name, envFlag(config.LOG_LEVEL_DEBUG)),
    genReqId: requestIdFrom,
    logController: new RequestLogController(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    // Long names reach schema validation (a clear 400) instead of the router's bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Errors raised before routing (bad URLs, oversized parameters) use the same envelope.
    frameworkErrors: (error, request, reply) => {
      renderError(request, reply, toApiError(error));
    },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as ServiceApp;

  if (noAuth) {
    app.log.warn(
      '!!! AUTHENTICATION AND AUTHORIZATION ARE DISABLED (BACKEND_MODE=dev or APP_DISABLE_AUTH=true): every caller can do everything this service account can. Never run this in production. !!!',
    );
  }

  const caches = new CacheRegistry(kube, app.log);
  const discovery = new ApiDiscovery(kube, options.optionalApis ?? [], app.log, {
    presentMs: 60_000,
    missingMs: config.OPTIONAL_API_RECHECK_SECONDS * 1000,
  });
  const metrics = new ServiceMetrics(options.name, caches);
  const stopObserving = kube.onCall(metrics.observeKube);
  if (options.connect !== false) {
    // Start listing now, not when the app is ready: the API server prepares the first lists
    // (seconds for 10,000 objects) while the routes' schemas compile here. Caches the routes
    // create later start as they are created.
    caches.start();
    discovery.start();
  }
  app.decorate('config', config);
  app.decorate('kube', kube);
  app.decorate('caches', caches);
  app.decorate('discovery', discovery);
  app.decorate('metrics', metrics);

  app.addSchema(FieldErrorSchema);
  app.addSchema(ErrorEnvelopeSchema);

  // Conditional lists compress their cached answers themselves (once per version): the global
  // compression hooks would only look at every poll and step aside.
  app.addHook('onRoute', (route) => {
    if (route.config?.conditional) {
      route.compress ??= false;
      route.decompress ??= false;
    }
  });

  // Every route documents the error envelope for 4xx/5xx unless it says otherwise.
  app.addHook('onRoute', (route) => {
    if (route.config?.access?.kind === 'public' || !route.schema || route.schema.hide) return;
    const response = { ...((route.schema.response as Record<string, unknown>) ?? {}) };
    response['4xx'] ??= Type.Ref(ErrorEnvelopeSchema);
    response['5xx'] ??= Type.Ref(ErrorEnvelopeSchema);
    route.schema = { ...route.schema, response };
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(errorHandlerPlugin);
  await app.register(cookie);
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(identityPlugin, {
    userHeader: config.USERID_HEADER,
    userPrefix: config.USERID_PREFIX,
    groupsHeader: config.GROUPS_HEADER,
    authDisabled: noAuth,
    trustedProxyPrincipals: config.TRUSTED_PROXY_PRINCIPALS.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    tokenReviewer: new TokenReviewer(
      kube,
      config.TOKEN_REVIEW_CACHE_TTL_SECONDS * 1000,
      config.AUTHZ_TIMEOUT_MS,
    ),
  });
  await app.register(csrfPlugin, {
    appPrefix: config.APP_PREFIX,
    secure: envFlag(config.APP_SECURE_COOKIES),
    sameSite: config.CSRF_SAMESITE,
  });
  await app.register(authorizationPlugin, {
    authDisabled: noAuth,
    sar: new SarCache(kube, {
      allowTtlMs: config.SAR_CACHE_ALLOW_TTL_SECONDS * 1000,
      denyTtlMs: config.SAR_CACHE_DENY_TTL_SECONDS * 1000,
      timeoutMs: config.AUTHZ_TIMEOUT_MS,
      onCheck: metrics.observeSar,
    }),
  });
  await app.register(openApiPlugin, {
    title: options.title,
    description: options.description,
    version: options.version,
  });
  await app.register(healthRoutes(kube, caches));
  if (options.serveSpa) {
    await app.register(spaPlugin, {
      dir: config.SPA_DIR,
      appPrefix: config.APP_PREFIX,
      title: options.title,
    });
  }
  if (envFlag(config.METRICS)) {
    app.get(
      '/metrics',
      { config: { access: publicRoute('Prometheus scrape') }, schema: { hide: true } },
      async (_request, reply) =>
        reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  }

  app.addHook('preClose', async () => {
    endLiveStreams(app.server);
  });
  app.addHook('onClose', async () => {
    caches.stop();
    discovery.stop();
    stopObserving();
  });
  return app;
}
