/** Builds tensorboards-api against the test control plane, and arranges cluster state for its tests. */
import { randomBytes } from 'node:crypto';
import { type KubeObject, type ResourceRef, resources } from '@kf-ts/shared';
import {
  adminKube,
  bindRole,
  createNamespace,
  eventually,
  serviceKube,
  testUser,
  waitForAggregatedRole,
} from '@kf-ts/shared/testing';
import type { Rule } from '@kf-ts/shared/testing';
export { grant as grantInNamespace } from '@kf-ts/shared/testing';
import { buildApp } from '../src/app.ts';
import { loadServiceConfig } from '../src/config.ts';
import type { TensorboardObject } from '../src/tensorboard-status.ts';

export const alice = testUser('alice'); // group team-alpha: kubeflow-edit in team namespaces (by group)
export const bob = testUser('bob'); // kubeflow-view in team namespaces (as a user)
export const mallory = testUser('mallory'); // nothing anywhere

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

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

/** A namespace where team-alpha (alice) may edit, by a Group binding, and bob may view. */
export async function teamNamespace(prefix: string): Promise<string> {
  const namespace = await createNamespace(prefix);
  await waitForAggregatedRole('kubeflow-edit');
  await waitForAggregatedRole('kubeflow-view');
  await bindRole(namespace, { kind: 'Group', name: 'team-alpha' }, 'kubeflow-edit');
  await bindRole(namespace, { kind: 'User', name: bob.name }, 'kubeflow-view');
  return namespace;
}

/** A caller the gateway vouches for, with a group of its own (so grants to it touch no one else). */
export function uniqueCaller(prefix: string) {
  const tag = randomBytes(3).toString('hex');
  return { name: `${prefix}-${tag}@example.com`, groups: [`${prefix}-${tag}`] };
}

const rbac = '/apis/rbac.authorization.k8s.io/v1';

/** A ClusterRole with `rules`, bound cluster-wide to a group; returns a function removing both. */
export async function grantClusterWide(group: string, rules: Rule[]) {
  const kube = await adminKube();
  const name = `test-${group}`;
  await kube.request('POST', `${rbac}/clusterroles`, { body: { metadata: { name }, rules } });
  await kube.request('POST', `${rbac}/clusterrolebindings`, {
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
    },
  });
  return async () => {
    await kube.request('DELETE', `${rbac}/clusterrolebindings/${name}`).catch(() => undefined);
    await kube.request('DELETE', `${rbac}/clusterroles/${name}`).catch(() => undefined);
  };
}

export async function adminCreate<T extends KubeObject = KubeObject>(
  resource: ResourceRef,
  namespace: string,
  body: KubeObject,
): Promise<T> {
  const kube = await adminKube();
  return kube.create<T>(resource, namespace, body);
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
    spec: { desc: `Description of ${name}`, selector: { matchLabels: { [label]: 'true' } } },
  });
}

/** A Tensorboard written by the cluster admin (as another client would), optionally with a status. */
export async function adminTensorboard(
  namespace: string,
  name: string,
  logspath: unknown,
  options: { status?: Record<string, unknown>; finalizers?: string[] } = {},
): Promise<TensorboardObject> {
  const created = await adminCreate<TensorboardObject>(resources.tensorboards, namespace, {
    apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
    kind: 'Tensorboard',
    metadata: { name, namespace, ...(options.finalizers ? { finalizers: options.finalizers } : {}) },
    spec: logspath === undefined ? {} : { logspath },
  } as KubeObject);
  if (!options.status) return created;
  return setTensorboardStatus(namespace, name, options.status);
}

/** Writes a Tensorboard's status subresource, as the tensorboard-controller would. */
export async function setTensorboardStatus(namespace: string, name: string, status: Record<string, unknown>) {
  const kube = await adminKube();
  return kube.request<TensorboardObject>(
    'PATCH',
    `/apis/tensorboard.kubeflow.org/v1alpha1/namespaces/${namespace}/tensorboards/${name}/status`,
    { body: { status }, contentType: 'application/merge-patch+json' },
  );
}

/** A Warning event about a Tensorboard, as its controller or the Deployment's would record it. */
export async function tensorboardWarning(
  tensorboard: TensorboardObject,
  eventName: string,
  reason: string,
  message: string,
  at = new Date(),
) {
  const namespace = tensorboard.metadata!.namespace!;
  return adminCreate(resources.events, namespace, {
    metadata: { name: eventName, namespace },
    involvedObject: {
      apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
      kind: 'Tensorboard',
      name: tensorboard.metadata!.name,
      namespace,
      uid: tensorboard.metadata!.uid,
    },
    type: 'Warning',
    reason,
    message,
    firstTimestamp: at.toISOString(),
    lastTimestamp: at.toISOString(),
    source: { component: 'tensorboard-controller' },
  } as KubeObject);
}

/** Every Tensorboard of a namespace, straight from the API server. */
export async function tensorboardsIn(namespace: string): Promise<TensorboardObject[]> {
  const kube = await adminKube();
  return (await kube.list<TensorboardObject>(resources.tensorboards, { namespace })).items;
}

/** Waits until the app's cache of `plural` holds `namespace/name`. */
export async function cached(app: TestApp, plural: string, namespace: string, name: string) {
  await eventually(
    () =>
      app.caches
        .all()
        .find((cache) => cache.resource.plural === plural)
        ?.get(namespace, name),
    10_000,
    `${plural} ${namespace}/${name} in the cache`,
  );
}

export { eventually };
