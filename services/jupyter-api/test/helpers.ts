/** Builds jupyter-api against the test control plane, and arranges namespaces and objects. */
import { randomBytes } from 'node:crypto';
import { type KubeClient, type KubeObject, resources } from '@kf-ts/shared';
import {
  adminKube,
  bindRole,
  createNamespace,
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

export async function buildTestApp(env: Record<string, string> = {}, kube?: KubeClient) {
  const app = await buildApp({
    config: loadServiceConfig({
      APP_SECURE_COOKIES: 'false',
      SPAWNER_CONFIG_PATH: `/nonexistent-${randomBytes(4).toString('hex')}/spawner_ui_config.yaml`,
      ...env,
    }),
    kube: kube ?? (await serviceKube('jupyter-api')),
    logger: false,
  });
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

/** A Notebook as the cluster would hold it, created by the admin (any shape, even odd ones). */
export async function adminNotebook(
  namespace: string,
  name: string,
  template: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
) {
  const kube = await adminKube();
  return kube.create<KubeObject>(resources.notebooks, namespace, {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: { name, namespace, ...((extra.metadata as object) ?? {}) },
    spec: template === undefined ? {} : { template: { spec: template } },
  });
}

/** Sets a Notebook's status as the notebook controller would. */
export async function setNotebookStatus(namespace: string, name: string, status: Record<string, unknown>) {
  const kube = await adminKube();
  return kube.request<KubeObject>(
    'PATCH',
    `/apis/kubeflow.org/v1beta1/namespaces/${namespace}/notebooks/${name}/status`,
    { body: { status }, contentType: 'application/merge-patch+json' },
  );
}

export const simpleTemplate = (name: string, extra: Record<string, unknown> = {}) => ({
  serviceAccountName: 'default-editor',
  containers: [
    {
      name,
      image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { 'nvidia.com/gpu': '1' } },
      volumeMounts: [{ name: 'ws', mountPath: '/home/jovyan' }],
      ...extra,
    },
  ],
  volumes: [{ name: 'ws', persistentVolumeClaim: { claimName: `${name}-workspace` } }],
});

export const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * An object as the service answers it: the API server's object without metadata.managedFields,
 * which the watch caches (and so every answer built from a write) leave out.
 */
export function served<T extends KubeObject>(object: T): T {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}
