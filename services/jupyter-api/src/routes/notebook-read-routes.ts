import {
  CachedAnswers,
  NamespaceParams,
  SerializedItems,
  listEnvelope,
  etagFor,
  streamList,
  type ServiceApp,
  authenticatedRoute,
  badRequest,
  inNamespace,
  isKubeNotFound,
  notFound,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { NotebookObject } from '../notebook-status.ts';
import { type ListQuery, type NotebookSummary, applyListQuery, listFilter } from '../notebook-summary.ts';
import { NOTEBOOK_NAME_LABEL, type PodObject } from '../notebook-views.ts';
import {
  KubeObjectSchema,
  ListQuerySchema,
  LogsQuerySchema,
  NotebookEventSchema,
  NotebookParams,
  NotebookStatusSchema,
  NotebookSummarySchema,
  PodLogParams,
} from '../schemas/notebook-schemas.ts';
import type { JupyterContext } from './index.ts';

const listResponse = successEnvelope({
  notebooks: Type.Array(Type.Ref(NotebookSummarySchema)),
  total: Type.Integer({ description: 'Notebooks matching the filters, before paging' }),
});

/**
 * The filter of a `?watch=true` list: phase and q follow the stream (an item leaving the filter
 * is sent as deleted, one entering it as added); sort and pages do not apply to a stream of
 * changes, so asking for them is a 400 rather than silently ignored.
 */
function streamFilter(query: ListQuery): ((summary: unknown) => boolean) | undefined {
  const misplaced = (['sort', 'limit', 'offset'] as const).filter((key) => query[key] !== undefined);
  if (misplaced.length > 0) {
    throw badRequest(
      `${misplaced.join(', ')} cannot be combined with watch=true: a stream sends changes as they happen, in no order and without pages (phase and q do filter it).`,
      misplaced.map((key) => ({ field: `/query/${key}`, message: 'does not apply with watch=true' })),
    );
  }
  const keep = listFilter(query);
  return keep && ((summary) => keep(summary as NotebookSummary));
}

/** Lists, one notebook, its pod, pod logs and events: all from the watch caches except logs. */
export function notebookReadRoutes(context: JupyterContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { views, notebooks } = context;
    // Polled lists: serialized and compressed once per version, revalidated with ETags.
    const answers = new CachedAnswers(32 * 1024 * 1024);
    const listNotebooksIn = (namespace: string) => ({
      verb: 'list',
      group: resources.notebooks.group,
      version: resources.notebooks.version,
      resource: resources.notebooks.plural,
      namespace,
    });
    app.addSchema(NotebookStatusSchema);
    app.addSchema(NotebookSummarySchema);
    app.addSchema(NotebookEventSchema);

    // Each summary's JSON is made once and reused while the summary object is (NotebookViews).
    const summariesJson = new SerializedItems(NotebookSummarySchema);
    const answerList = (
      request: FastifyRequest,
      reply: FastifyReply,
      items: NotebookSummary[],
      query: ListQuery,
    ) => {
      const { items: page, total } = applyListQuery(items, query);
      return listEnvelope(request, 'notebooks', summariesJson.serialize(reply, page), { total });
    };

    app.get(
      '/api/namespaces/:namespace/notebooks',
      {
        config: { access: requires(inNamespace('list', resources.notebooks)), conditional: true },
        schema: {
          tags: ['notebooks'],
          operationId: 'listNotebooks',
          summary: 'Notebooks of a namespace, with their status',
          description:
            'Served from watch caches (Notebooks, notebook pods, Notebook events) and reused until something changes. Optional phase/q/sort/limit/offset parameters filter, sort and page; without them the whole list comes back. Answers carry a weak ETag; If-None-Match with it gets a 304. `watch=true` answers text/event-stream instead (see the parameter); phase and q filter the stream too (a notebook leaving the filter is sent as `deleted`, one entering it as `added`), while sort, limit and offset with watch=true are a 400.',
          params: NamespaceParams,
          querystring: ListQuerySchema,
          response: { 200: listResponse },
        },
      },
      async (request, reply) => {
        const { namespace } = request.params;
        if (request.query.watch) {
          return streamList(request, reply, {
            cache: notebooks,
            namespace,
            summarize: (notebook) => views.summary(notebook),
            related: views.related,
            keep: streamFilter(request.query),
            recheck: () => request.isAllowed(listNotebooksIn(namespace)),
            recheckIntervalMs: app.config.LIVE_RECHECK_SECONDS * 1000,
          });
        }
        const { watch: _watch, ...query } = request.query;
        const etag = etagFor([
          'notebooks',
          request.identity?.name,
          views.summariesVersion(namespace),
          JSON.stringify(query),
        ]);
        return answers.send(request, reply, etag, () =>
          answerList(request, reply, views.summaries(namespace), query),
        );
      },
    );

    app.get(
      '/api/notebooks',
      {
        config: { access: authenticatedRoute, conditional: true },
        schema: {
          tags: ['notebooks'],
          operationId: 'listNotebooksInAllNamespaces',
          summary: 'Notebooks of every namespace where the caller may list notebooks',
          description:
            'All namespaces when the caller may list notebooks cluster-wide; otherwise each namespace holding notebooks is checked (list notebooks, SubjectAccessReview, cached). Same query parameters, ETag/304 and `watch=true` as the per-namespace list.',
          querystring: ListQuerySchema,
          response: { 200: listResponse },
        },
      },
      async (request, reply) => {
        const resource = resources.notebooks;
        const check = {
          verb: 'list',
          group: resource.group,
          version: resource.version,
          resource: resource.plural,
        };
        // Which namespaces the caller may list notebooks in: all, or those a SAR allows.
        const visibleNamespaces = async (): Promise<(namespace: string) => boolean> => {
          if (await request.isAllowed(check)) return () => true;
          const candidates = views.namespaces();
          const allowed = await Promise.all(
            candidates.map((namespace) => request.isAllowed({ ...check, namespace })),
          );
          const visible = new Set(candidates.filter((_namespace, index) => allowed[index]));
          return (namespace) => visible.has(namespace);
        };
        const keep = request.query.watch ? streamFilter(request.query) : undefined;
        let visible = await visibleNamespaces();
        if (request.query.watch) {
          return streamList(request, reply, {
            cache: notebooks,
            includeNamespace: (namespace) => visible(namespace),
            summarize: (notebook) => views.summary(notebook),
            related: views.related,
            keep,
            recheck: async () => {
              visible = await visibleNamespaces();
              return true;
            },
            recheckIntervalMs: app.config.LIVE_RECHECK_SECONDS * 1000,
          });
        }
        const { watch: _watch, ...query } = request.query;
        const namespaces = views.namespaces().filter((namespace) => visible(namespace));
        const etag = etagFor([
          'all-notebooks',
          request.identity?.name,
          ...namespaces.map((namespace) => views.summariesVersion(namespace)),
          JSON.stringify(query),
        ]);
        return answers.send(request, reply, etag, () =>
          answerList(
            request,
            reply,
            namespaces.flatMap((namespace) => views.summaries(namespace)),
            query,
          ),
        );
      },
    );

    app.get(
      '/api/namespaces/:namespace/notebooks/:name',
      {
        config: { access: requires(inNamespace('get', resources.notebooks, { nameParam: 'name' })) },
        schema: {
          tags: ['notebooks'],
          operationId: 'getNotebook',
          summary: 'One Notebook with its processed status',
          params: NotebookParams,
          response: {
            200: successEnvelope({
              notebook: Type.Intersect([
                KubeObjectSchema,
                Type.Object({ processed_status: Type.Ref(NotebookStatusSchema) }),
              ]),
            }),
          },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        let notebook = notebooks.get(namespace, name);
        if (!notebook) {
          notebook = await app.kube.get<NotebookObject>(resources.notebooks, namespace, name);
          notebooks.applyWrite(notebook);
        }
        return ok(request, { notebook: { ...notebook, processed_status: views.status(notebook) } });
      },
    );

    app.get(
      '/api/namespaces/:namespace/notebooks/:name/pod',
      {
        config: { access: requires(inNamespace('list', resources.pods)) },
        schema: {
          tags: ['notebooks'],
          operationId: 'getNotebookPod',
          summary: 'The notebook\'s pod (label notebook-name); 404 "No pod detected." when there is none',
          params: NotebookParams,
          response: { 200: successEnvelope({ pod: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const pod = views.firstPod(request.params.namespace, request.params.name);
        if (!pod) throw notFound('No pod detected.');
        return ok(request, { pod });
      },
    );

    app.get(
      '/api/namespaces/:namespace/notebooks/:name/pod/:pod/logs',
      {
        config: { access: requires(inNamespace('get', resources.pods, { subresource: 'log' })) },
        schema: {
          tags: ['notebooks'],
          operationId: 'getNotebookPodLogs',
          summary: "Log lines of a notebook pod's container",
          description:
            'The pod must carry the label notebook-name={name}, else 404. Default container: the one named after the notebook. Optional tailLines, sinceSeconds and container.',
          params: PodLogParams,
          querystring: LogsQuerySchema,
          response: { 200: successEnvelope({ logs: Type.Array(Type.String()) }) },
        },
      },
      async (request) => {
        const { namespace, name, pod: podName } = request.params;
        let pod: PodObject | undefined = views.pods.get(namespace, podName);
        if (!pod) {
          try {
            pod = await app.kube.get<PodObject>(resources.pods, namespace, podName);
          } catch (err) {
            if (isKubeNotFound(err)) throw notFound(`Pod ${podName} of notebook ${name} was not found.`);
            throw err;
          }
        }
        if (pod.metadata?.labels?.[NOTEBOOK_NAME_LABEL] !== name) {
          throw notFound(`Pod ${podName} of notebook ${name} was not found.`);
        }
        const container = request.query.container ?? name;
        const containers = Array.isArray(pod.spec?.containers)
          ? pod.spec.containers.map((c) => c?.name).filter((n): n is string => typeof n === 'string')
          : [];
        if (containers.length > 0 && !containers.includes(container)) {
          throw badRequest(`Pod ${podName} has no container ${container}; it has ${containers.join(', ')}.`, [
            { field: '/query/container', message: `must be one of ${containers.join(', ')}` },
          ]);
        }
        const logs = await app.kube.request<string>(
          'GET',
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(podName)}/log`,
          {
            query: {
              container,
              tailLines: request.query.tailLines,
              sinceSeconds: request.query.sinceSeconds,
            },
            text: true,
            operation: 'get pods/log',
          },
        );
        return ok(request, { logs: logs.split('\n') });
      },
    );

    app.get(
      '/api/namespaces/:namespace/notebooks/:name/events',
      {
        config: { access: requires(inNamespace('list', resources.events)) },
        schema: {
          tags: ['notebooks'],
          operationId: 'listNotebookEvents',
          summary: 'Events about a Notebook, newest first',
          description: 'From one watch cache of events with involvedObject.kind=Notebook.',
          params: NotebookParams,
          response: { 200: successEnvelope({ events: Type.Array(Type.Ref(NotebookEventSchema)) }) },
        },
      },
      async (request) =>
        ok(request, { events: views.notebookEvents(request.params.namespace, request.params.name) }),
    );
  };
}
