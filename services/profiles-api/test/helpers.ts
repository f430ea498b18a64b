/** Builds profiles-api against the test control plane, and arranges profiles as the profile controller would. */
import { randomBytes } from 'node:crypto';
import { type KubeObject, type ResourceRef, isKubeConflict, resources } from '@kf-ts/shared';
import { adminKube, eventually, serviceKube, testUser } from '@kf-ts/shared/testing';
export { accessReview } from '@kf-ts/shared/testing';
import { buildApp } from '../src/app.ts';
import { loadServiceConfig } from '../src/config.ts';

export const alice = testUser('alice'); // group team-alpha
export const bob = testUser('bob'); // group team-beta
export const carol = testUser('carol'); // groups team-alpha, data-scientists
export const dave = testUser('dave'); // no groups; only what a test grants
export const erin = testUser('erin'); // group platform-admins: cluster-admin by a ClusterRoleBinding
export const mallory = testUser('mallory'); // never granted anything by any profiles-api test

const clusterRoleBindings: ResourceRef = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'clusterrolebindings',
  kind: 'ClusterRoleBinding',
  namespaced: false,
};
const crds = resources.customResourceDefinitions;

async function ignoreExisting(write: Promise<unknown>) {
  try {
    await write;
  } catch (err) {
    if (!isKubeConflict(err)) throw err;
  }
}

/** Group platform-admins is bound to cluster-admin (RBAC, not a list): erin is a cluster admin. */
export async function ensurePlatformAdmins() {
  const kube = await adminKube();
  await ignoreExisting(
    kube.create(clusterRoleBindings, undefined, {
      metadata: { name: 'test-platform-admins-cluster-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-admins' }],
    } as KubeObject),
  );
}

/** Istio's AuthorizationPolicy CRD (schema-less), as an Istio install would serve it. */
export async function ensureIstioApi() {
  const kube = await adminKube();
  await ignoreExisting(
    kube.create(crds, undefined, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'authorizationpolicies.security.istio.io' },
      spec: {
        group: 'security.istio.io',
        scope: 'Namespaced',
        names: {
          kind: 'AuthorizationPolicy',
          plural: 'authorizationpolicies',
          singular: 'authorizationpolicy',
          listKind: 'AuthorizationPolicyList',
        },
        versions: [
          {
            name: 'v1beta1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }),
  );
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const list = await kube
      .request<{ resources?: { name: string }[] }>('GET', '/apis/security.istio.io/v1beta1')
      .catch(() => undefined);
    if (list?.resources?.some((r) => r.name === 'authorizationpolicies')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the AuthorizationPolicy API was not served in time');
}

export async function buildTestApp(env: Record<string, string> = {}) {
  await Promise.all([ensurePlatformAdmins(), ensureIstioApi()]);
  const app = await buildApp({
    config: loadServiceConfig({
      APP_SECURE_COOKIES: 'false',
      // Tests change RBAC between calls: no reuse of decisions.
      SAR_CACHE_ALLOW_TTL_SECONDS: '0',
      SAR_CACHE_DENY_TTL_SECONDS: '0',
      ...env,
    }),
    kube: await serviceKube('profiles-api'),
    logger: false,
  });
  await app.ready();
  await app.caches.waitForSync();
  await app.discovery.refresh();
  return app;
}

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

/**
 * A profile as it looks once the profile controller has done its work (it does not run here):
 * the Profile CR, its namespace, and the owner's namespaceAdmin RoleBinding to kubeflow-admin.
 */
export async function arrangeProfile(
  prefix: string,
  owner: { kind: 'User' | 'Group'; name: string },
  spec: Record<string, unknown> = {},
): Promise<string> {
  const kube = await adminKube();
  const name = uniqueName(prefix);
  await kube.create(resources.profiles, undefined, {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: { name },
    spec: { owner: { apiGroup: 'rbac.authorization.k8s.io', ...owner }, ...spec },
  });
  await arrangeNamespace(name, owner);
  return name;
}

/** The namespace and owner binding the profile controller would make for a profile. */
export async function arrangeNamespace(name: string, owner: { kind: 'User' | 'Group'; name: string }) {
  const kube = await adminKube();
  await kube.create(resources.namespaces, undefined, {
    metadata: { name, labels: { 'app.kubernetes.io/part-of': 'kubeflow-profile' } },
  });
  await kube.create(resources.roleBindings, name, {
    metadata: { name: 'namespaceAdmin', namespace: name, annotations: { user: owner.name, role: 'admin' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...owner }],
  } as KubeObject);
}

/** A RoleBinding as upstream KFAM names and annotates it. */
export async function arrangeUpstreamBinding(
  namespace: string,
  subject: { kind: 'User' | 'Group'; name: string },
  role: 'admin' | 'edit' | 'view',
  name: string,
) {
  const kube = await adminKube();
  await kube.create(resources.roleBindings, namespace, {
    metadata: { name, namespace, annotations: { user: subject.name, role } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${role}` },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  } as KubeObject);
}

export async function roleBindingsIn(namespace: string) {
  const kube = await adminKube();
  const list = await kube.list<
    KubeObject & { roleRef?: { name?: string }; subjects?: { kind?: string; name?: string }[] }
  >(resources.roleBindings, { namespace });
  return list.items;
}

export async function policiesIn(namespace: string) {
  const kube = await adminKube();
  const list = await kube.list<KubeObject & { spec?: Record<string, unknown> }>(
    resources.authorizationPolicies,
    { namespace },
  );
  return list.items;
}

export async function profileObject(name: string) {
  const kube = await adminKube();
  return kube
    .get<KubeObject & { spec?: Record<string, unknown> }>(resources.profiles, undefined, name)
    .catch(() => undefined);
}

export const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** Waits until the app's caches hold the profile and the given number of KFAM bindings in it. */
export async function seenByApp(app: TestApp, namespace: string, bindings = 1) {
  await eventually(
    () =>
      app.profiles.index.profile(namespace) && app.profiles.index.bindingsIn(namespace).length >= bindings
        ? true
        : undefined,
    10_000,
    `profile ${namespace} in the app's caches`,
  );
}

/** arrangeProfile, then wait until the app has seen it. */
export async function profileFor(
  app: TestApp,
  prefix: string,
  owner: { kind: 'User' | 'Group'; name: string },
  spec: Record<string, unknown> = {},
) {
  const name = await arrangeProfile(prefix, owner, spec);
  await seenByApp(app, name);
  return name;
}
