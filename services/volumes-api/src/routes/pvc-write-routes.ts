import {
  type KubeObject,
  NamespaceParams,
  type ServiceApp,
  badRequest,
  conflict,
  inNamespace,
  isKubeNotFound,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type PvcForm, type StorageClassObject, planPvc, planResize, sizeProblem } from '../pvc-form.ts';
import type { PvcObject, ViewerObject } from '../pvc-status.ts';
import { CreatePvcBody, KubeObjectSchema, PvcParams, ResizePvcBody } from '../schemas/volume-schemas.ts';
import { type NotebookObject, type PodObject, inUseMessage, usersOf } from '../volume-usage.ts';
import type { VolumesContext } from './index.ts';

const access = (
  verb: string,
  resource: (typeof resources)[keyof typeof resources],
  namespace: string,
  name?: string,
) => ({
  verb,
  group: resource.group,
  version: resource.version,
  resource: resource.plural,
  namespace,
  ...(name ? { name } : {}),
});

/** Answer of a DELETE: a Status when the object is gone, the object itself while finalizers hold it. */
const stillThere = (answer: KubeObject) =>
  answer.kind !== 'Status' && Boolean(answer.metadata?.deletionTimestamp);

/** Create, resize and delete (guarded) PVCs. */
export function pvcWriteRoutes(context: VolumesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { views } = context;
    const storageClasses = app.caches.cache<StorageClassObject>(resources.storageClasses);

    app.post(
      '/api/namespaces/:namespace/pvcs',
      {
        config: { access: requires(inNamespace('create', resources.persistentVolumeClaims)) },
        schema: {
          tags: ['volumes'],
          operationId: 'createPvc',
          summary: 'Create a PVC from the Volumes form',
          description:
            'Validates name (DNS-1123), size (positive quantity), mode, class ("{none}", "{empty}" or an existing class) and labels, answering 400 with one detail per problem and creating nothing. `type: "snapshot"` with `snapshot` restores a VolumeSnapshot (dataSource) when the snapshot.storage.k8s.io API exists (else 400) and needs get volumesnapshots. Answers 200 like upstream.',
          params: NamespaceParams,
          body: CreatePvcBody,
          response: { 200: successEnvelope({ message: Type.String(), pvc: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const form = request.body as PvcForm;
        const pvc = planPvc(form, {
          namespace,
          storageClasses: storageClasses
            .list()
            .map((storageClass) => storageClass.metadata?.name ?? '')
            .filter(Boolean),
          snapshotsAvailable: app.discovery.has(resources.volumeSnapshots),
        });
        const source = (pvc.spec as { dataSource?: { name: string } }).dataSource;
        if (source) {
          // Restoring a snapshot reads its data: the caller must be allowed to read the snapshot.
          await request.authorize(access('get', resources.volumeSnapshots, namespace, source.name));
          try {
            await app.kube.get(resources.volumeSnapshots, namespace, source.name);
          } catch (err) {
            if (!isKubeNotFound(err)) throw err;
            throw badRequest(`VolumeSnapshot '${source.name}' does not exist in namespace '${namespace}'.`, [
              { field: '/body/snapshot', message: `no VolumeSnapshot '${source.name}' in '${namespace}'` },
            ]);
          }
        }
        const created = await app.kube.create<PvcObject>(resources.persistentVolumeClaims, namespace, pvc);
        views.pvcs.applyWrite(created);
        request.log.info({ ns: namespace, pvc: created.metadata?.name }, 'pvc created');
        return ok(request, { message: 'PVC created successfully.', pvc: created });
      },
    );

    app.patch(
      '/api/namespaces/:namespace/pvcs/:pvc',
      {
        config: {
          access: requires(inNamespace('patch', resources.persistentVolumeClaims, { nameParam: 'pvc' })),
        },
        schema: {
          tags: ['volumes'],
          operationId: 'resizePvc',
          summary: 'Expand a PVC (new, additive)',
          description:
            "Sets spec.resources.requests.storage. Allowed only when the PVC's storage class has allowVolumeExpansion: true (else 400), for a bound PVC (else 409), and never smaller than the current request (400). The same size changes nothing (`changed: false`). While the expansion is pending the list shows status waiting (state ResizeRequested until a resizer acts, then its condition Resizing or FileSystemResizePending, or the allocatedResourceStatuses value); a failed expansion shows warning (ControllerResizeError / NodeResizeError conditions, a VolumeResizeFailed event).",
          params: PvcParams,
          body: ResizePvcBody,
          response: {
            200: successEnvelope({
              message: Type.String(),
              changed: Type.Boolean(),
              pvc: KubeObjectSchema,
            }),
          },
        },
      },
      async (request) => {
        const { namespace, pvc: name } = request.params;
        const size = request.body.size.trim();
        // A bad size is the caller's mistake whatever the PVC: say so before looking it up.
        const badSize = sizeProblem(size);
        if (badSize)
          throw badRequest(`Invalid size: ${badSize}`, [{ field: '/body/size', message: badSize }]);
        const current = await app.kube.get<PvcObject>(resources.persistentVolumeClaims, namespace, name);
        const className = current.spec?.storageClassName;
        const storageClass =
          typeof className === 'string' && className ? storageClasses.get(undefined, className) : undefined;
        const change = planResize(current, size, storageClass);
        if (!change) {
          return ok(request, {
            message: `PVC ${name} already requests ${size}.`,
            changed: false,
            pvc: current,
          });
        }
        // The resourceVersion makes the patch fail (409) if the PVC changed since it was read.
        const updated = await app.kube.patch<PvcObject>(
          resources.persistentVolumeClaims,
          namespace,
          name,
          {
            metadata: { resourceVersion: current.metadata?.resourceVersion },
            spec: { resources: { requests: { storage: change.storage } } },
          },
          'merge',
        );
        views.pvcs.applyWrite(updated);
        request.log.info({ ns: namespace, pvc: name, size: change.storage }, 'pvc expansion requested');
        return ok(request, {
          message: `PVC ${name} is being expanded to ${change.storage}.`,
          changed: true,
          pvc: updated,
        });
      },
    );

    app.delete(
      '/api/namespaces/:namespace/pvcs/:pvc',
      {
        config: {
          access: requires(
            inNamespace('list', resources.pods),
            inNamespace('list', resources.notebooks),
            inNamespace('delete', resources.persistentVolumeClaims, { nameParam: 'pvc' }),
          ),
        },
        schema: {
          tags: ['volumes'],
          operationId: 'deletePvc',
          summary: 'Delete a PVC that nothing uses, with its viewer',
          description:
            "409 \"Cannot delete PVC '<pvc>' because it is being used by pods: [...]\" (and/or notebooks: [...]) while a pod other than the PVC's own viewer mounts it (pods that have finished, Succeeded or Failed, do not count) or any Notebook, running or stopped, references it; `details` lists each user. Viewer pods are recognised by the PVCViewer controller's owner references and labels together with the PVCViewer object, never by a generic label. The PVC's viewer is deleted first (needs delete pvcviewers). Usage is read fresh from the API server (not the caches) so a just-created notebook cannot slip through. Needs list pods, list notebooks and delete persistentvolumeclaims, plus list pvcviewers when the PVCViewer API exists. Without that API viewer pods cannot be told apart and count as users.",
          params: PvcParams,
          response: {
            200: successEnvelope({
              message: Type.String(),
              viewersDeleted: Type.Array(Type.String(), {
                description: 'PVCViewers deleted with the PVC',
              }),
            }),
          },
        },
      },
      async (request) => {
        const { namespace, pvc: name } = request.params;
        const viewersOn = views.viewersAvailable;
        // The viewers are read to find the PVC's own (and their names can end up in the answer).
        if (viewersOn) await request.authorize(access('list', resources.pvcViewers, namespace));
        const pvc = await app.kube.get<PvcObject>(resources.persistentVolumeClaims, namespace, name);
        const [pods, notebooks, viewers] = await Promise.all([
          app.kube.list<PodObject>(resources.pods, { namespace }),
          app.kube.list<NotebookObject>(resources.notebooks, { namespace }),
          viewersOn
            ? app.kube.list<ViewerObject>(resources.pvcViewers, { namespace })
            : Promise.resolve({ items: [] as ViewerObject[] }),
        ]);
        const users = usersOf(name, pods.items ?? [], notebooks.items ?? [], viewers.items ?? []);
        const message = inUseMessage(name, users);
        if (message) {
          throw conflict(message, [
            ...users.pods.map((pod) => ({ field: `/pods/${pod}`, message: `pod ${pod} mounts this volume` })),
            ...users.notebooks.map((notebook) => ({
              field: `/notebooks/${notebook.name}`,
              message: `notebook ${notebook.name}${notebook.stopped ? ' (stopped)' : ''} mounts this volume`,
            })),
          ]);
        }
        for (const viewer of users.viewers) {
          await request.authorize(access('delete', resources.pvcViewers, namespace, viewer));
        }
        for (const viewer of users.viewers) {
          try {
            const answer = await app.kube.delete(resources.pvcViewers, namespace, viewer, {
              propagationPolicy: 'Foreground',
            });
            if (stillThere(answer)) views.viewers?.applyWrite(answer as ViewerObject);
            else views.viewers?.applyDelete(namespace, viewer);
          } catch (err) {
            if (!isKubeNotFound(err)) throw err;
          }
        }
        // The uid precondition: never delete a PVC of the same name created since the check.
        const answer = await app.kube.delete(resources.persistentVolumeClaims, namespace, name, {
          uid: pvc.metadata?.uid,
        });
        if (stillThere(answer)) views.pvcs.applyWrite(answer as PvcObject);
        else views.pvcs.applyDelete(namespace, name);
        request.log.info({ ns: namespace, pvc: name, viewers: users.viewers }, 'pvc deleted');
        return ok(request, { message: `PVC ${name} successfully deleted.`, viewersDeleted: users.viewers });
      },
    );
  };
}
