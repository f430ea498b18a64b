/** TensorBoards: list (one namespace or all visible), get with events, create, delete. */
import {
  CachedAnswers,
  type KubeObject,
  NamespaceParams,
  SerializedItems,
  listEnvelope,
  type ServiceApp,
  authenticatedRoute,
  badRequest,
  etagFor,
  inNamespace,
  isKubeNotFound,
  ok,
  podDefaultLabels,
  requires,
  resources,
  streamList,
  successEnvelope,
  type PodDefault,
  type FieldError,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type Config, logspathSchemes } from '../config.ts';
import { parseLogspath } from '../logspath.ts';
import type { TensorboardObject } from '../tensorboard-status.ts';
import type { TensorboardViews } from '../tensorboard-views.ts';
import {
  CreateBody,
  KubeObjectSchema,
  ListQuery,
  StatusSchema,
  SummarySchema,
  TensorboardParams,
} from '../schemas/tensorboard-schemas.ts';

const tags = ['tensorboards'];
const listResponse = successEnvelope({ tensorboards: Type.Array(Type.Ref(SummarySchema)) });
const listTensorboardsIn = (namespace: string) => ({
  verb: 'list',
  group: resources.tensorboards.group,
  version: resources.tensorboards.version,
  resource: resources.tensorboards.plural,
  namespace,
});

export function tensorboardRoutes(config: Config, views: TensorboardViews): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { tensorboards } = views;
    const pvcs = app.caches.cache(resources.persistentVolumeClaims);
    const podDefaults = app.caches.cache<PodDefault>(resources.podDefaults);
    const schemes = logspathSchemes(config);
    const answers = new CachedAnswers(16 * 1024 * 1024);
    // Each summary's JSON is made once and reused while the summary object is (TensorboardViews).
    const summariesJson = new SerializedItems(SummarySchema);
    const pvcExists = async (namespace: string, name: string) => {
      try {
        await app.kube.get(resources.persistentVolumeClaims, namespace, name);
        return true;
      } catch (err) {
        if (isKubeNotFound(err)) return false;
        throw err;
      }
    };
    app.addSchema(StatusSchema);
    app.addSchema(SummarySchema);

    app.get(
      '/api/namespaces/:namespace/tensorboards',
      {
        config: { access: requires(inNamespace('list', resources.tensorboards)), conditional: true },
        schema: {
          tags,
          operationId: 'listTensorboards',
          summary: 'TensorBoards of a namespace, with their status',
          description:
            'From watch caches, reused until something changes; ETag/304 for polling; ?watch=true streams changes.',
          params: NamespaceParams,
          querystring: ListQuery,
          response: { 200: listResponse },
        },
      },
      async (request, reply) => {
        const { namespace } = request.params;
        if (request.query.watch) {
          return streamList(request, reply, {
            cache: tensorboards,
            namespace,
            summarize: (tensorboard) => views.summary(tensorboard),
            related: views.related,
            recheck: () => request.isAllowed(listTensorboardsIn(namespace)),
            recheckIntervalMs: config.LIVE_RECHECK_SECONDS * 1000,
          });
        }
        const etag = etagFor(['tensorboards', request.identity?.name, views.version(namespace)]);
        return answers.send(request, reply, etag, () =>
          listEnvelope(request, 'tensorboards', summariesJson.serialize(reply, views.summaries(namespace))),
        );
      },
    );

    app.get(
      '/api/tensorboards',
      {
        config: { access: authenticatedRoute, conditional: true },
        schema: {
          tags,
          operationId: 'listTensorboardsInAllNamespaces',
          summary: 'TensorBoards of every namespace where the caller may list them',
          description:
            'All namespaces for a caller allowed to list TensorBoards cluster-wide; otherwise each namespace holding TensorBoards is checked (SubjectAccessReview, cached).',
          response: { 200: listResponse },
        },
      },
      async (request, reply) => {
        const { namespace: _none, ...clusterWide } = listTensorboardsIn('');
        let namespaces = views.namespaces();
        if (!(await request.isAllowed(clusterWide))) {
          const allowed = await Promise.all(
            namespaces.map((namespace) => request.isAllowed(listTensorboardsIn(namespace))),
          );
          namespaces = namespaces.filter((_namespace, index) => allowed[index]);
        }
        const etag = etagFor([
          'all-tensorboards',
          request.identity?.name,
          ...namespaces.map((namespace) => views.version(namespace)),
        ]);
        return answers.send(request, reply, etag, () =>
          listEnvelope(
            request,
            'tensorboards',
            summariesJson.serialize(
              reply,
              namespaces.flatMap((namespace) => views.summaries(namespace)),
            ),
          ),
        );
      },
    );

    app.get(
      '/api/namespaces/:namespace/tensorboards/:name',
      {
        config: {
          access: requires(
            inNamespace('get', resources.tensorboards, { nameParam: 'name' }),
            inNamespace('list', resources.events),
          ),
        },
        schema: {
          tags,
          operationId: 'getTensorboard',
          summary: 'One TensorBoard with its processed status and its events (newest first)',
          params: TensorboardParams,
          response: {
            200: successEnvelope({
              tensorboard: Type.Intersect([
                KubeObjectSchema,
                Type.Object({ processed_status: Type.Ref(StatusSchema) }),
              ]),
              events: Type.Array(KubeObjectSchema),
            }),
          },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        const tensorboard =
          tensorboards.get(namespace, name) ??
          (await app.kube.get<TensorboardObject>(resources.tensorboards, namespace, name));
        return ok(request, {
          tensorboard: { ...tensorboard, processed_status: views.summary(tensorboard).status },
          events: views.eventsOf(namespace, name),
        });
      },
    );

    app.post(
      '/api/namespaces/:namespace/tensorboards',
      {
        config: { access: requires(inNamespace('create', resources.tensorboards)) },
        schema: {
          tags,
          operationId: 'createTensorboard',
          summary: 'Create a TensorBoard for a log path',
          description:
            'logspath is pvc://<pvc>/<path> (the PVC must exist and the caller may get it; the path may not leave it) or an object-store URL; configurations are labels of PodDefaults in the namespace. Nothing is created when anything is wrong (400 with field details).',
          params: NamespaceParams,
          body: CreateBody,
          response: { 200: successEnvelope({ message: Type.String(), tensorboard: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const { name, logspath, configurations = [] } = request.body;
        const problems: FieldError[] = [];
        if (request.body.namespace !== undefined && request.body.namespace !== namespace) {
          problems.push({
            field: '/body/namespace',
            message: `differs from the namespace in the path (${namespace})`,
          });
        }
        const parsed = parseLogspath(logspath, schemes);
        if (!parsed.ok) {
          problems.push({ field: '/body/logspath', message: parsed.message });
        } else if (parsed.value.kind === 'pvc') {
          const pvc = parsed.value.pvc;
          await request.authorize({
            verb: 'get',
            group: '',
            version: 'v1',
            resource: 'persistentvolumeclaims',
            namespace,
            name: pvc,
          });
          // The cache may not have seen a PVC created a moment ago (by volumes-api): ask on a miss.
          if (!pvcs.get(namespace, pvc) && !(await pvcExists(namespace, pvc))) {
            problems.push({
              field: '/body/logspath',
              message: `names PVC "${pvc}", which does not exist in namespace ${namespace}`,
            });
          }
        }
        const known = podDefaultLabels(podDefaults.list(namespace));
        configurations.forEach((label, index) => {
          if (!known.has(label)) {
            problems.push({
              field: `/body/configurations/${index}`,
              message: `"${label}" is not the label of a PodDefault in namespace ${namespace}`,
            });
          }
        });
        if (new Set(configurations).size !== configurations.length) {
          problems.push({ field: '/body/configurations', message: 'lists a label twice' });
        }
        if (problems.length) {
          throw badRequest(
            `Invalid TensorBoard: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`,
            problems,
          );
        }
        const body: KubeObject = {
          apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
          kind: 'Tensorboard',
          metadata: {
            name,
            namespace,
            labels: Object.fromEntries(configurations.map((label) => [label, 'true'])),
          },
          spec: { logspath: parsed.ok ? parsed.value.canonical : logspath },
        };
        const created = await app.kube.create<TensorboardObject>(resources.tensorboards, namespace, body);
        tensorboards.applyWrite(created);
        return ok(request, { message: 'TensorBoard created successfully.', tensorboard: created });
      },
    );

    app.delete(
      '/api/namespaces/:namespace/tensorboards/:name',
      {
        config: { access: requires(inNamespace('delete', resources.tensorboards, { nameParam: 'name' })) },
        schema: {
          tags,
          operationId: 'deleteTensorboard',
          summary: 'Delete a TensorBoard (foreground: its Deployment and Service go first)',
          params: TensorboardParams,
          response: { 200: successEnvelope({ message: Type.String() }) },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        const answer = await app.kube.delete(resources.tensorboards, namespace, name, {
          propagationPolicy: 'Foreground',
        });
        // Read-your-writes: a foreground deletion answers the object, now with a deletionTimestamp.
        if (answer.kind === 'Tensorboard' && answer.metadata?.deletionTimestamp) {
          tensorboards.applyWrite(answer as TensorboardObject);
        } else tensorboards.applyDelete(namespace, name);
        return ok(request, { message: `TensorBoard ${name} successfully deleted.` });
      },
    );
  };
}
