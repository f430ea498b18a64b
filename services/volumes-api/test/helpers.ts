/** Builds volumes-api against the test control plane, and arranges namespaces and objects. */
import { randomBytes } from 'node:crypto';
import { type KubeClient, type KubeObject, type ServiceApp, resources } from '@kf-ts/shared';
import {
  adminKube,
  bindRole,
  createNamespace,
  eventually,
  serviceKube,
  testUser,
  waitForAggregatedRole,
} from '@kf-ts/shared/testing';
export { grant } from '@kf-ts/shared/testing';
import { buildApp } from '../src/app.ts';
import { loadServiceConfig } from '../src/config.ts';

export const alice = testUser('alice'); // team-alpha: kubeflow-edit in the test namespaces
export const bob = testUser('bob'); // kubeflow-view in the test namespaces
export const mallory = testUser('mallory'); // nothing anywhere
export const dave = testUser('dave'); // only what a test grants

export async function buildTestApp(
  env: Record<string, string> = {},
  options: { beforeReady?: (app: ServiceApp) => void; kube?: KubeClient } = {},
) {
  const app = await buildApp({
    config: loadServiceConfig({
      APP_SECURE_COOKIES: 'false',
      VIEWER_SPEC_PATH: `/nonexistent-${randomBytes(4).toString('hex')}/viewer-spec.yaml`,
      ...env,
    }),
    kube: options.kube ?? (await serviceKube('volumes-api')),
    logger: false,
  });
  options.beforeReady?.(app);
  await app.ready();
  await app.caches.waitForSync();
  return app;
}

/** A namespace where team-alpha edits and bob views. */
export async function teamNamespace(prefix: string): Promise<string> {
  const namespace = await createNamespace(prefix);
  await waitForAggregatedRole('kubeflow-edit');
  await waitForAggregatedRole('kubeflow-view');
  await bindRole(namespace, { kind: 'Group', name: 'team-alpha' }, 'kubeflow-edit');
  await bindRole(namespace, { kind: 'User', name: bob.name }, 'kubeflow-view');
  return namespace;
}

export async function adminPvc(
  namespace: string,
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
) {
  const kube = await adminKube();
  return kube.create<KubeObject>(resources.persistentVolumeClaims, namespace, {
    metadata: { name, namespace, ...metadata },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  });
}

/** A pod mounting PVCs (it stays Pending: there is no scheduler). */
export async function adminPod(
  namespace: string,
  name: string,
  claims: string[],
  metadata: Record<string, unknown> = {},
) {
  const kube = await adminKube();
  // A fresh namespace gets its default ServiceAccount a moment after it is created.
  return eventually(
    () =>
      kube.create<KubeObject>(resources.pods, namespace, {
        metadata: { name, namespace, ...metadata },
        spec: {
          automountServiceAccountToken: false,
          containers: [{ name: 'main', image: 'busybox' }],
          volumes: claims.map((claim, index) => ({
            name: `v${index}`,
            persistentVolumeClaim: { claimName: claim },
          })),
        },
      }),
    10_000,
    `pod ${name}`,
  );
}

/** A Notebook mounting PVCs, stopped when asked. */
export async function adminNotebook(namespace: string, name: string, claims: string[], stopped = false) {
  const kube = await adminKube();
  return kube.create<KubeObject>(resources.notebooks, namespace, {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: {
      name,
      namespace,
      ...(stopped ? { annotations: { 'kubeflow-resource-stopped': '2024-01-01T00:00:00Z' } } : {}),
    },
    spec: {
      template: {
        spec: {
          containers: [{ name, image: 'jupyter' }],
          volumes: claims.map((claim, index) => ({
            name: `v${index}`,
            persistentVolumeClaim: { claimName: claim },
          })),
        },
      },
    },
  });
}

/** An event about a PVC, as the PV controller would record it. */
export async function pvcEvent(
  namespace: string,
  pvc: { name: string; uid?: string },
  fields: { reason: string; message: string; type?: string; at: string },
) {
  const kube = await adminKube();
  return kube.create<KubeObject>(resources.events, namespace, {
    metadata: { name: `${pvc.name}.${randomBytes(4).toString('hex')}`, namespace },
    involvedObject: {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      name: pvc.name,
      namespace,
      ...(pvc.uid ? { uid: pvc.uid } : {}),
    },
    reason: fields.reason,
    message: fields.message,
    type: fields.type ?? 'Normal',
    firstTimestamp: fields.at,
    lastTimestamp: fields.at,
    count: 1,
    source: { component: 'persistentvolume-controller' },
  } as KubeObject);
}

/** Sets a PVCViewer's status as the viewer controller would. */
export async function setViewerStatus(namespace: string, name: string, status: Record<string, unknown>) {
  const kube = await adminKube();
  return kube.request<KubeObject>(
    'PATCH',
    `/apis/kubeflow.org/v1alpha1/namespaces/${namespace}/pvcviewers/${name}/status`,
    { body: { status }, contentType: 'application/merge-patch+json' },
  );
}

/**
 * What the PVC viewer controller makes for a viewer: a Deployment `pvcviewer-<name>` owned by
 * the PVCViewer, with the controller's labels; the controller manager then makes its
 * ReplicaSet and pod (Pending), and deletes them when the PVCViewer goes.
 */
export async function viewerDeployment(namespace: string, viewer: KubeObject, claim: string) {
  const kube = await adminKube();
  const name = viewer.metadata?.name ?? '';
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `pvcviewer-${name}`,
    'app.kubernetes.io/part-of': 'pvc-viewer',
  };
  return kube.create<KubeObject>(
    { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
    namespace,
    {
      metadata: {
        name: `pvcviewer-${name}`,
        namespace,
        labels,
        ownerReferences: [
          {
            apiVersion: 'kubeflow.org/v1alpha1',
            kind: 'PVCViewer',
            name,
            uid: viewer.metadata?.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            containers: [{ name: 'main', image: 'filebrowser' }],
            volumes: [{ name: 'viewer-volume', persistentVolumeClaim: { claimName: claim } }],
          },
        },
      },
    } as unknown as KubeObject,
  );
}

export const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
