import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ServiceApp } from '../app-factory.ts';
import { inNamespace, requires } from '../auth/route-access.ts';
import { CachedAnswers } from '../http/cached-answers.ts';
import { etagFor } from '../http/conditional.ts';
import { ok, successEnvelope } from '../http/envelope.ts';
import { streamList, WatchQuery } from '../http/live-list.ts';
import { NamespaceParams } from '../http/names.ts';
import { type KubeObject, resources } from '../kube/resources.ts';

export interface PodDefault extends KubeObject {
  spec?: { desc?: unknown; selector?: { matchLabels?: Record<string, unknown> } };
}

/** The label key a PodDefault selects on (the first matchLabels key), or "" when it has none. */
export function podDefaultLabel(podDefault: PodDefault): string {
  const matchLabels = podDefault.spec?.selector?.matchLabels;
  if (!matchLabels || typeof matchLabels !== 'object') return '';
  return Object.keys(matchLabels)[0] ?? '';
}

/** Upstream's presentation: the object plus `label` and `desc` (spec.desc, else the name). */
export function presentPodDefault(podDefault: PodDefault) {
  const desc =
    typeof podDefault.spec?.desc === 'string' && podDefault.spec.desc
      ? podDefault.spec.desc
      : (podDefault.metadata?.name ?? '');
  return { ...podDefault, label: podDefaultLabel(podDefault), desc };
}

/** Labels that PodDefaults in a namespace select on: the only valid `configurations` values. */
export function podDefaultLabels(podDefaults: PodDefault[]): Set<string> {
  return new Set(podDefaults.map(podDefaultLabel).filter(Boolean));
}

export const PodDefaultSchema = Type.Object(
  {
    label: Type.String({
      description: 'The label key the PodDefault selects on ("" when it has no matchLabels)',
    }),
    desc: Type.String({ description: 'spec.desc, else the name' }),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
    spec: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { $id: 'PodDefault', additionalProperties: true },
);

/** GET /api/namespaces/{namespace}/poddefaults, served from the PodDefault watch cache. */
export function podDefaultRoutes(): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const cache = app.caches.cache<PodDefault>(resources.podDefaults);
    const answers = new CachedAnswers(8 * 1024 * 1024);
    app.addSchema(PodDefaultSchema);
    app.get(
      '/api/namespaces/:namespace/poddefaults',
      {
        config: { access: requires(inNamespace('list', resources.podDefaults)), conditional: true },
        schema: {
          tags: ['poddefaults'],
          operationId: 'listPodDefaults',
          summary: 'PodDefaults of a namespace, with the label to select each',
          params: NamespaceParams,
          querystring: WatchQuery,
          response: { 200: successEnvelope({ poddefaults: Type.Array(Type.Ref(PodDefaultSchema)) }) },
        },
      },
      async (request, reply) => {
        const { namespace } = request.params;
        if (request.query.watch) {
          return streamList(request, reply, {
            cache,
            namespace,
            summarize: presentPodDefault,
            recheck: () =>
              request.isAllowed({
                verb: 'list',
                group: 'kubeflow.org',
                version: 'v1alpha1',
                resource: 'poddefaults',
                namespace,
              }),
            recheckIntervalMs: app.config.LIVE_RECHECK_SECONDS * 1000,
          });
        }
        const etag = etagFor(['poddefaults', namespace, request.identity?.name, cache.revision(namespace)]);
        return answers.send(request, reply, etag, () => {
          const items = cache
            .list(namespace)
            .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
            .map(presentPodDefault);
          return ok(request, { poddefaults: items });
        });
      },
    );
  };
}
