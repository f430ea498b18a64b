import {
  NamespaceParams,
  type ServiceApp,
  conflict,
  featureUnavailable,
  inNamespace,
  isKubeNotFound,
  notFound,
  ok,
  requires,
  resources,
  successEnvelope,
} from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { PvcObject, ViewerObject } from '../pvc-status.ts';
import { CreateViewerBody, KubeObjectSchema, ViewerParams } from '../schemas/volume-schemas.ts';
import { buildViewer } from '../viewer-spec.ts';
import type { VolumesContext } from './index.ts';

const VIEWERS_OFF =
  'PVC viewers are not available: this cluster does not serve the PVCViewer API (kubeflow.org/v1alpha1 pvcviewers). Install the PVC viewer controller to browse volumes.';

/** Open (create) and close (delete) the file browser of a PVC. */
export function viewerRoutes(context: VolumesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { views, viewerSpec, config } = context;

    app.post(
      '/api/namespaces/:namespace/viewers',
      {
        config: { access: requires(inNamespace('create', resources.pvcViewers)) },
        schema: {
          tags: ['viewers'],
          operationId: 'createViewer',
          summary: 'Start a file browser (PVCViewer) on a PVC',
          description:
            'The PVCViewer is named after the PVC; its spec comes from the viewer spec template (VIEWER_SPEC_PATH, else the bundled filebrowser default) with only $PVC_NAME, $NAME, $NAMESPACE, $VIEWER_IMAGE / $VOLUME_VIEWER_IMAGE, $BASE_PREFIX and $BASE_URL substituted. Needs create pvcviewers and get persistentvolumeclaims on the PVC (the viewer exposes its data); 404 when the PVC does not exist, 409 when it is being deleted or already has a viewer; 501 when the cluster has no PVCViewer API.',
          params: NamespaceParams,
          body: CreateViewerBody,
          response: { 200: successEnvelope({ message: Type.String(), viewer: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const { namespace } = request.params;
        const pvcName = request.body.name;
        await request.authorize({
          verb: 'get',
          group: '',
          version: 'v1',
          resource: resources.persistentVolumeClaims.plural,
          namespace,
          name: pvcName,
        });
        if (!views.viewersAvailable) throw featureUnavailable(VIEWERS_OFF);
        let pvc = views.pvcs.get(namespace, pvcName);
        if (!pvc) {
          try {
            pvc = await app.kube.get<PvcObject>(resources.persistentVolumeClaims, namespace, pvcName);
            views.pvcs.applyWrite(pvc);
          } catch (err) {
            if (isKubeNotFound(err))
              throw notFound(`PVC '${pvcName}' does not exist in namespace '${namespace}'.`);
            throw err;
          }
        }
        // A viewer's pod could never mount a PVC that is going away; it would wait forever.
        if (pvc.metadata?.deletionTimestamp) {
          throw conflict(`PVC '${pvcName}' is being deleted, so it cannot be browsed.`);
        }
        const viewer = buildViewer(viewerSpec.current().template, {
          pvcName,
          namespace,
          image: config.VOLUME_VIEWER_IMAGE,
          basePrefix: config.VIEWER_BASE_PREFIX,
        });
        const created = await app.kube.create<ViewerObject>(resources.pvcViewers, namespace, viewer);
        views.viewers?.applyWrite(created);
        request.log.info({ ns: namespace, viewer: pvcName }, 'pvc viewer created');
        return ok(request, { message: 'PVCViewer created successfully.', viewer: created });
      },
    );

    app.delete(
      '/api/namespaces/:namespace/viewers/:name',
      {
        config: { access: requires(inNamespace('delete', resources.pvcViewers, { nameParam: 'name' })) },
        schema: {
          tags: ['viewers'],
          operationId: 'deleteViewer',
          summary: 'Stop a PVC viewer (foreground deletion)',
          description: '404 when there is no such viewer; 501 when the cluster has no PVCViewer API.',
          params: ViewerParams,
          response: { 200: successEnvelope({ message: Type.String() }) },
        },
      },
      async (request) => {
        const { namespace, name } = request.params;
        if (!views.viewersAvailable) throw featureUnavailable(VIEWERS_OFF);
        const answer = await app.kube.delete(resources.pvcViewers, namespace, name, {
          propagationPolicy: 'Foreground',
        });
        if (answer.kind !== 'Status' && answer.metadata?.deletionTimestamp) {
          views.viewers?.applyWrite(answer as ViewerObject);
        } else views.viewers?.applyDelete(namespace, name);
        request.log.info({ ns: namespace, viewer: name }, 'pvc viewer deleted');
        return ok(request, { message: `Viewer ${name} successfully deleted.` });
      },
    );
  };
}
