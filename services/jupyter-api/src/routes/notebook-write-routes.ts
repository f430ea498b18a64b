import {
  type KubeClient,
  type KubeObject,
  NamespaceParams,
  type ServiceApp,
  badRequest,
  conflict,
  inNamespace,
  isKubeConflict,
  isKubeNotFound,
  ok,
  podDefaultLabels,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type NotebookForm, type NotebookPlan, planNotebook } from '../notebook-form.ts';
import { CHANGE_FIELDS, planNotebookUpdate } from '../notebook-update.ts';
import { claimNames, workspaceClaim } from '../notebook-volumes.ts';
import { type NotebookObject, STOP_ANNOTATION, isStopped, readyReplicas } from '../notebook-status.ts';
import { NOTEBOOK_NAME_LABEL, type PodObject } from '../notebook-views.ts';
import {
  CreateNotebookBody,
  DeleteNotebookQuery,
  KubeObjectSchema,
  NotebookParams,
  PatchNotebookBody,
} from '../schemas/notebook-schemas.ts';
import type { JupyterContext } from './index.ts';

const pvcAccess = (verb: string, namespace: string) => ({
  verb,
  group: '',
  version: 'v1',
  resource: resources.persistentVolumeClaims.plural,
  namespace,
});

/** UTC "YYYY-MM-DDTHH:MM:SSZ", as upstream writes the stop annotation. */
export const stopTimestamp = (now = new Date()) => now.toISOString().replace(/\.\d+Z$/, 'Z');

const DEFAULT_WORKSPACE_MOUNT = '/home/jovyan';

/**
 * Dry-runs the Notebook and every new PVC before anything is created, so that one the API server
 * refuses leaves nothing behind; a name that is taken is a 409 naming the form field to change.
 */
async function dryRunCreate(kube: KubeClient, namespace: string, plan: NotebookPlan) {
  const notebookName = plan.notebook.metadata?.name ?? '';
  await kube.create(resources.notebooks, namespace, plan.notebook, { dryRun: true }).catch((err: unknown) => {
    if (!isKubeConflict(err)) throw err;
    throw conflict(
      `A notebook named ${notebookName} already exists in namespace ${namespace}; choose another name.`,
      [{ field: '/body/name', message: 'is taken by an existing notebook' }],
    );
  });
  for (const pvc of plan.newPvcs) {
    const pvcName = pvc.metadata?.name ?? '';
    await kube
      .create(resources.persistentVolumeClaims, namespace, pvc, { dryRun: true })
      .catch((err: unknown) => {
        if (!isKubeConflict(err)) throw err;
        throw conflict(
          `A volume (PVC) named ${pvcName} already exists in namespace ${namespace}; choose another name for the new volume, or mount the existing one as existingSource.`,
          [{ field: plan.newPvcFields[pvcName] ?? '/body', message: `PVC ${pvcName} already exists` }],
        );
      });
  }
}

/** Create, start/stop/change, delete. */
export function notebookWriteRoutes(context: JupyterContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { notebooks, spawner, views, config } = context;
    const podDefaults = app.caches.cache(resources.podDefaults);

    app.post(
      '/api/namespaces/:namespace/notebooks',
      {
        config: { access: requires(inNamespace('create', resources.notebooks)) },
        schema: {
          tags: ['notebooks'],
          operationId: 'createNotebook',
          summary: 'Create a notebook server from the spawner form',
          description:
            'Checks every value against the spawner config, then dry-runs the Notebook and new PVCs, creates the PVCs, then the Notebook; if the Notebook cannot be created the new PVCs are deleted again. A name already taken (of the notebook or of a new PVC) is a 409 whose details name the form field; values the API server refuses are a 422 with its field causes. New volumes also need create persistentvolumeclaims. Answers 200 like upstream.',
          params: NamespaceParams,
          body: CreateNotebookBody,
          response: {
            200: successEnvelope({
              message: Type.String(),
              notebook: KubeObjectSchema,
            }),
          },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const plan = planNotebook(request.body as NotebookForm, {
          namespace,
          creator: request.identity?.name ?? 'anonymous@kubeflow.org',
          defaults: spawner.current.defaults,
          podDefaultLabels: podDefaultLabels(podDefaults.list(namespace)),
          allowedVolumeSources: context.allowedVolumeSources,
          maxGpus: config.GPU_MAX_PER_NOTEBOOK,
        });
        if (plan.newPvcs.length > 0) await request.authorize(pvcAccess('create', namespace));

        await dryRunCreate(app.kube, namespace, plan);

        const created: string[] = [];
        try {
          for (const pvc of plan.newPvcs) {
            const answer = await app.kube.create<KubeObject>(
              resources.persistentVolumeClaims,
              namespace,
              pvc,
            );
            created.push(answer.metadata?.name ?? '');
          }
          const notebook = await app.kube.create<NotebookObject>(
            resources.notebooks,
            namespace,
            plan.notebook,
          );
          notebooks.applyWrite(notebook);
          request.log.info(
            { ns: namespace, notebook: notebook.metadata?.name, pvcs: created },
            'notebook created',
          );
          return ok(request, { message: 'Notebook created successfully.', notebook });
        } catch (err) {
          for (const name of created.reverse()) {
            await app.kube
              .delete(resources.persistentVolumeClaims, namespace, name)
              .catch((cleanupError: unknown) => {
                if (!isKubeNotFound(cleanupError)) {
                  request.log.error(
                    { err: cleanupError, ns: namespace, pvc: name },
                    'could not remove a PVC after a failed create',
                  );
                }
              });
          }
          throw err;
        }
      },
    );

    app.patch(
      '/api/namespaces/:namespace/notebooks/:name',
      {
        config: { access: requires(inNamespace('patch', resources.notebooks, { nameParam: 'name' })) },
        schema: {
          tags: ['notebooks'],
          operationId: 'patchNotebook',
          summary: 'Start or stop a notebook, or change its image, CPU, memory or GPUs',
          description:
            '`stopped: true` sets the kubeflow-resource-stopped annotation (409 if already stopped), `false` removes it. image/cpu/cpuLimit/memory/memoryLimit/gpus are checked against the spawner config as on create. With `resourceVersion`, a change based on an older version is a 409. `restartRequired` says the running server is restarted (its pod recreated) for the change to apply.',
          params: NotebookParams,
          body: PatchNotebookBody,
          response: {
            200: successEnvelope({
              notebook: KubeObjectSchema,
              restartRequired: Type.Boolean({
                description: 'true when the notebook is running and its pod must be recreated for the change',
              }),
            }),
          },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        const body = request.body;
        const changes = CHANGE_FIELDS.filter((field) => body[field] !== undefined);
        if (body.stopped === undefined && changes.length === 0) {
          throw badRequest(
            `Request body must include at least one supported key: stopped, ${CHANGE_FIELDS.join(', ')}.`,
            [{ field: '/body', message: 'has nothing to change' }],
          );
        }
        const current = await app.kube.get<NotebookObject>(resources.notebooks, namespace, name);
        const currentVersion = current.metadata?.resourceVersion;
        if (body.resourceVersion && body.resourceVersion !== currentVersion) {
          throw conflict(
            `Notebook ${namespace}/${name} has changed since resourceVersion ${body.resourceVersion} (now ${currentVersion}); reload it and try again.`,
          );
        }
        if (body.stopped === true && isStopped(current)) {
          throw conflict(`Notebook ${namespace}/${name} is already stopped.`);
        }

        let updated: NotebookObject;
        let specChanged = false;
        if (changes.length > 0) {
          const { container, changed } = planNotebookUpdate(
            current,
            body,
            spawner.current.defaults,
            config.GPU_MAX_PER_NOTEBOOK,
          );
          specChanged = changed;
          const next = structuredClone(current);
          const containers = next.spec?.template?.spec?.containers;
          if (!Array.isArray(containers) || containers.length === 0) {
            throw badRequest(
              `Notebook ${namespace}/${name} has no container, so its image and resources cannot be changed; only stopped can be.`,
              changes.map((field) => ({ field: `/body/${field}`, message: 'the Notebook has no container' })),
            );
          }
          containers[0] = container;
          const annotations = { ...(next.metadata?.annotations ?? {}) };
          if (body.stopped === true) annotations[STOP_ANNOTATION] = stopTimestamp();
          if (body.stopped === false) delete annotations[STOP_ANNOTATION];
          next.metadata = { ...next.metadata, annotations };
          // PUT with the version read (or given): the API server refuses it if anyone wrote since.
          updated = await app.kube.replace<NotebookObject>(resources.notebooks, namespace, next);
        } else {
          const patch: Record<string, unknown> = {
            metadata: {
              annotations: { [STOP_ANNOTATION]: body.stopped ? stopTimestamp() : null },
              ...(body.resourceVersion ? { resourceVersion: body.resourceVersion } : {}),
            },
          };
          updated = await app.kube.patch<NotebookObject>(
            resources.notebooks,
            namespace,
            name,
            patch,
            'merge',
          );
        }
        notebooks.applyWrite(updated);
        const running = readyReplicas(current) > 0 || views.firstPod(namespace, name) !== undefined;
        const restartRequired = specChanged && running && !isStopped(updated);
        return ok(request, { notebook: updated, restartRequired });
      },
    );

    app.delete(
      '/api/namespaces/:namespace/notebooks/:name',
      {
        config: { access: requires(inNamespace('delete', resources.notebooks, { nameParam: 'name' })) },
        schema: {
          tags: ['notebooks'],
          operationId: 'deleteNotebook',
          summary: 'Delete a notebook server (foreground); its PVCs are kept unless asked',
          params: NotebookParams,
          querystring: DeleteNotebookQuery,
          response: {
            200: successEnvelope({
              message: Type.String(),
              deletedVolumes: Type.Array(Type.String(), { description: 'PVCs deleted with the notebook' }),
            }),
          },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        let claim: string | undefined;
        if (request.query.deleteWorkspaceVolume) {
          await request.authorize(pvcAccess('delete', namespace));
          const notebook = await app.kube.get<NotebookObject>(resources.notebooks, namespace, name);
          const mount = spawner.current.defaults.workspaceVolume?.value?.mount ?? DEFAULT_WORKSPACE_MOUNT;
          claim = workspaceClaim(notebook, mount);
          if (claim) {
            const otherNotebooks = notebooks
              .list(namespace)
              .filter(
                (other) =>
                  other.metadata?.name !== name && claimNames(other.spec?.template?.spec).includes(claim!),
              )
              .map((other) => other.metadata?.name ?? '');
            const pods = await app.kube.list<PodObject>(resources.pods, { namespace });
            const otherPods = (pods.items ?? [])
              .filter(
                (pod) =>
                  pod.metadata?.labels?.[NOTEBOOK_NAME_LABEL] !== name &&
                  claimNames(pod.spec).includes(claim!),
              )
              .map((pod) => pod.metadata?.name ?? '');
            if (otherNotebooks.length > 0 || otherPods.length > 0) {
              const users = [
                ...otherNotebooks.map((n) => `notebook ${n}`),
                ...otherPods.map((p) => `pod ${p}`),
              ];
              throw conflict(
                `Cannot delete volume ${claim} with notebook ${name}: it is also used by ${users.join(', ')}. Nothing was deleted.`,
              );
            }
          }
        }
        const answer = await app.kube.delete(resources.notebooks, namespace, name, {
          propagationPolicy: 'Foreground',
        });
        if (answer.kind === 'Notebook' && answer.metadata?.deletionTimestamp) notebooks.applyWrite(answer);
        else notebooks.applyDelete(namespace, name);
        const deletedVolumes: string[] = [];
        if (claim) {
          try {
            await app.kube.delete(resources.persistentVolumeClaims, namespace, claim);
            deletedVolumes.push(claim);
          } catch (err) {
            if (!isKubeNotFound(err)) throw err;
          }
        }
        return ok(request, { message: `Notebook ${name} successfully deleted.`, deletedVolumes });
      },
    );
  };
}
