/** Builds tensorboards-api against the test control plane. */
import { type KubeObject, resources } from '@kf-ts/shared';
import {
  adminKube,
  bindRole,
  createNamespace,
  eventually,
  serviceKube,
  testUser,
  waitForAggregatedRole,
} from '@kf-ts/shared/testing';
import { buildApp } from '../src/app.ts';
import { loadServiceConfig } from '../src/config.ts';

export const alice = testUser('alice'); // team-alpha: kubeflow-edit in test namespaces
export const bob = testUser('bob'); // kubeflow-view
export const mallory = testUser('mallory'); // nothing

export async function buildTestApp(env: Record<string, string> = {}) {
  const app = await buildApp({
    config: loadServiceConfig({ APP_SECURE_COOKIES: 'false', ...env }),
    kube: await serviceKube('tensorboards-api'),
    logger: false,
  });
  await app.ready();
  await app.caches.waitForSync();
  return app;
}

export async function teamNamespace(prefix: string): Promise<string> {
  const namespace = await createNamespace(prefix);
  await waitForAggregatedRole('kubeflow-edit');
  await waitForAggregatedRole('kubeflow-view');
  await bindRole(namespace, { kind: 'Group', name: 'team-alpha' }, 'kubeflow-edit');
  await bindRole(namespace, { kind: 'User', name: bob.name }, 'kubeflow-view');
  return namespace;
}

export async function adminCreate(
  resource: (typeof resources)[keyof typeof resources],
  namespace: string,
  body: KubeObject,
) {
  const kube = await adminKube();
  return kube.create(resource, namespace, body);
}

export async function pvc(namespace: string, name: string) {
  return adminCreate(resources.persistentVolumeClaims, namespace, {
    metadata: { name, namespace },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  } as KubeObject);
}

export async function podDefault(namespace: string, name: string, label: string) {
  return adminCreate(resources.podDefaults, namespace, {
    apiVersion: 'kubeflow.org/v1alpha1',
    kind: 'PodDefault',
    metadata: { name, namespace },
    spec: { desc: name, selector: { matchLabels: { [label]: 'true' } } },
  });
}

export { eventually };
