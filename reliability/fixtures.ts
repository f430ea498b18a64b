/** A tenant namespace as Kubeflow would have it, and the people around it. */
import { type KubeObject, resources } from '@kf-ts/shared';
import {
  adminKube,
  createNamespace,
  testCluster,
  testUser,
  waitForAggregatedRole,
} from '../shared/test-support/index.ts';

export type Persona =
  | 'none'
  | 'stranger'
  | 'viewer'
  | 'contributor'
  | 'owner'
  | 'groupMember'
  | 'clusterAdmin'
  | 'bearerValid'
  | 'bearerInvalid'
  | 'spoofedFromSidecar';

export const PERSONAS: Persona[] = [
  'none',
  'stranger',
  'viewer',
  'contributor',
  'owner',
  'groupMember',
  'clusterAdmin',
  'bearerValid',
  'bearerInvalid',
];

/** People of their own (not the service tests' alice, bob...): some personas create profiles. */
export const people = {
  owner: testUser('tenant-owner'),
  viewer: testUser('tenant-viewer'),
  contributor: testUser('tenant-contributor'),
  groupMember: testUser('tenant-member'), // group tenant-data-scientists is bound to kubeflow-edit
  stranger: testUser('tenant-stranger'),
};
export const MEMBER_GROUP = 'tenant-data-scientists';
/** Marks the Profiles the fixtures make, apart from any a request under test creates. */
export const FIXTURE_LABEL = 'kf-ts.test/fixture';

const csrf = { cookie: 'XSRF-TOKEN=matrix', 'x-xsrf-token': 'matrix' };

/** The headers a persona's request carries (the gateway's identity headers, or a Bearer token). */
export function headersFor(persona: Persona): Record<string, string> {
  const user = (name: string, groups: string[] = []) => ({
    'kubeflow-userid': name,
    ...(groups.length ? { 'kubeflow-groups': groups.join(',') } : {}),
    ...csrf,
  });
  switch (persona) {
    case 'none':
      return { ...csrf };
    case 'stranger':
      return user(people.stranger.name, people.stranger.groups);
    case 'viewer':
      return user(people.viewer.name, people.viewer.groups);
    case 'contributor':
      return user(people.contributor.name, people.contributor.groups);
    case 'owner':
      return user(people.owner.name, people.owner.groups);
    case 'groupMember':
      return user(people.groupMember.name, people.groupMember.groups);
    case 'clusterAdmin':
      return { authorization: `Bearer ${testCluster().adminToken}` };
    case 'bearerValid':
      return { authorization: `Bearer ${people.viewer.token}` };
    case 'bearerInvalid':
      return { authorization: 'Bearer not-a-real-token' };
    case 'spoofedFromSidecar':
      return user(people.owner.name);
  }
}

/** What the profile controller would have made: namespace, Profile, owner binding; plus bindings for the others. */
export async function tenantNamespace(prefix: string): Promise<string> {
  await waitForAggregatedRole('kubeflow-admin');
  await waitForAggregatedRole('kubeflow-edit');
  await waitForAggregatedRole('kubeflow-view');
  const namespace = await createNamespace(prefix);
  const kube = await adminKube();
  await kube.create(resources.profiles, undefined, {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: { name: namespace, labels: { [FIXTURE_LABEL]: 'tenant' } },
    spec: { owner: { kind: 'User', name: people.owner.name } },
  });
  const bind = (name: string, kind: 'User' | 'Group', subject: string, role: string) =>
    kube.create(resources.roleBindings, namespace, {
      metadata: { name, namespace, annotations: kind === 'User' ? { user: subject, role } : { role } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${role}` },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind, name: subject }],
    } as KubeObject);
  await bind('namespaceAdmin', 'User', people.owner.name, 'admin');
  await bind('viewer-binding', 'User', people.viewer.name, 'view');
  await bind('contributor-binding', 'User', people.contributor.name, 'edit');
  await bind('group-binding', 'Group', MEMBER_GROUP, 'edit');
  return namespace;
}

/** Objects the routes act on. */
export async function tenantObjects(namespace: string) {
  const kube = await adminKube();
  await kube.create(resources.notebooks, namespace, {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: { name: 'm-nb', namespace },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'm-nb', image: 'jupyter:1', resources: { requests: { cpu: '1', memory: '1Gi' } } },
          ],
        },
      },
    },
  });
  for (const name of ['m-pvc', 'm-pvc-2']) {
    await kube.create(resources.persistentVolumeClaims, namespace, {
      metadata: { name, namespace },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    } as KubeObject);
  }
  await kube.create(resources.tensorboards, namespace, {
    apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
    kind: 'Tensorboard',
    metadata: { name: 'm-tb', namespace },
    spec: { logspath: 's3://bucket/runs' },
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await kube.create(resources.pods, namespace, {
        metadata: { name: 'm-nb-0', namespace, labels: { 'notebook-name': 'm-nb' } },
        spec: { automountServiceAccountToken: false, containers: [{ name: 'm-nb', image: 'jupyter:1' }] },
      } as KubeObject);
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
