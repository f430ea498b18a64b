import {
  CachedAnswers,
  SerializedItems,
  listEnvelope,
  NamespaceParams,
  WatchQuery,
  streamList,
  type ServiceApp,
  etagFor,
  inNamespace,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { PvcObject } from '../pvc-status.ts';
import {
  KubeObjectSchema,
  PvcParams,
  PvcSummarySchema,
  VolumeStatusSchema,
} from '../schemas/volume-schemas.ts';
import type { VolumesContext } from './index.ts';

/** List, one PVC, the pods mounting it and its events: all served from watch caches. */
export function pvcReadRoutes(context: VolumesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { views } = context;
    // Polled lists: serialized and compressed once per version, revalidated with ETags.
    const answers = new CachedAnswers(16 * 1024 * 1024);
    // Each summary's JSON is made once and reused while the summary object is (VolumeViews).
    const summariesJson = new SerializedItems(PvcSummarySchema);
    app.addSchema(VolumeStatusSchema);
    app.addSchema(PvcSummarySchema);

    app.get(
      '/api/namespaces/:namespace/pvcs',
      {
        config: {
          // Everything the summaries are built from: PVCs, the Notebooks using them, and the
          // events their status comes from (pvcviewers too, checked below when the API exists).
          access: requires(
            inNamespace('list', resources.persistentVolumeClaims),
            inNamespace('list', resources.notebooks),
            inNamespace('list', resources.events),
          ),
          conditional: true,
        },
        schema: {
          tags: ['volumes'],
          operationId: 'listPvcs',
          summary: 'PVCs of a namespace with status, the notebooks using them and their viewer',
          description:
            'Needs list persistentvolumeclaims, list notebooks and list events (the status comes from them), plus list pvcviewers when the PVCViewer API exists. Served from watch caches (PVCs, Notebooks, PVCViewers, PersistentVolumeClaim events) and rebuilt only when one of them changes; answers carry an ETag (304 on If-None-Match).',
          params: NamespaceParams,
          querystring: WatchQuery,
          response: { 200: successEnvelope({ pvcs: Type.Array(Type.Ref(PvcSummarySchema)) }) },
        },
      },
      async (request, reply) => {
        const { namespace } = request.params;
        const viewers = {
          verb: 'list',
          group: resources.pvcViewers.group,
          version: resources.pvcViewers.version,
          resource: resources.pvcViewers.plural,
          namespace,
        };
        if (views.viewersAvailable) await request.authorize(viewers);
        if (request.query.watch) {
          const listed = [resources.persistentVolumeClaims, resources.notebooks, resources.events].map(
            (resource) => ({
              verb: 'list',
              group: resource.group,
              version: resource.version,
              resource: resource.plural,
              namespace,
            }),
          );
          return streamList(request, reply, {
            cache: views.pvcs,
            namespace,
            summarize: (pvc) => views.summary(pvc),
            related: views.related,
            // A stream lives long: losing any of the list's permissions ends it.
            recheck: async () => {
              const checks = views.viewersAvailable ? [...listed, viewers] : listed;
              const decisions = await Promise.all(checks.map((check) => request.isAllowed(check)));
              return decisions.every(Boolean);
            },
            recheckIntervalMs: app.config.LIVE_RECHECK_SECONDS * 1000,
          });
        }
        const etag = etagFor(['pvcs', namespace, request.identity?.name, views.summariesVersion(namespace)]);
        return answers.send(request, reply, etag, () =>
          listEnvelope(request, 'pvcs', summariesJson.serialize(reply, views.summaries(namespace))),
        );
      },
    );

    app.get(
      '/api/namespaces/:namespace/pvcs/:pvc',
      {
        config: {
          access: requires(inNamespace('get', resources.persistentVolumeClaims, { nameParam: 'pvc' })),
        },
        schema: {
          tags: ['volumes'],
          operationId: 'getPvc',
          summary: 'One PVC, as the API server holds it',
          params: PvcParams,
          response: { 200: successEnvelope({ pvc: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const { namespace, pvc: name } = request.params;
        let pvc = views.pvcs.get(namespace, name);
        if (!pvc) {
          // Not in the cache (yet): ask the API server, which answers 404 when it does not exist.
          pvc = await app.kube.get<PvcObject>(resources.persistentVolumeClaims, namespace, name);
          views.pvcs.applyWrite(pvc);
        }
        return ok(request, { pvc });
      },
    );

    app.get(
      '/api/namespaces/:namespace/pvcs/:pvc/pods',
      {
        config: { access: requires(inNamespace('list', resources.pods)) },
        schema: {
          tags: ['volumes'],
          operationId: 'listPvcPods',
          summary: 'Pods that mount the PVC',
          description: 'From the pod watch cache; an unknown PVC has no pods (empty list), as upstream.',
          params: PvcParams,
          response: { 200: successEnvelope({ pods: Type.Array(KubeObjectSchema) }) },
        },
      },
      async (request) =>
        ok(request, { pods: views.podsMounting(request.params.namespace, request.params.pvc) }),
    );

    app.get(
      '/api/namespaces/:namespace/pvcs/:pvc/events',
      {
        config: { access: requires(inNamespace('list', resources.events)) },
        schema: {
          tags: ['volumes'],
          operationId: 'listPvcEvents',
          summary: 'Events about the PVC, newest first',
          description:
            'From one watch cache of events with involvedObject.kind=PersistentVolumeClaim; when the PVC exists, only events about this PVC (same uid), not an earlier one of the same name.',
          params: PvcParams,
          response: { 200: successEnvelope({ events: Type.Array(KubeObjectSchema) }) },
        },
      },
      async (request) => {
        const { namespace, pvc: name } = request.params;
        const pvc = views.pvcs.get(namespace, name);
        return ok(request, { events: views.pvcEvents(namespace, pvc ?? name) });
      },
    );
  };
}
