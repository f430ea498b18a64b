import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import {
  adminKube,
  createNamespace,
  eventually,
  testUser,
  waitForAggregatedRole,
} from '../shared/test-support/index.ts';
import { type Stack, startStack } from './stack.ts';

const owner = testUser('alice');
const contributor = testUser('dave');

/** What Kubeflow's profile controller makes for a profile (it does not run in tests). */
async function profileFor(user: string): Promise<string> {
  const namespace = await createNamespace('e2e');
  const kube = await adminKube();
  await kube.create(resources.profiles, undefined, {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: { name: namespace },
    spec: { owner: { kind: 'User', name: user } },
  });
  await kube.create(resources.roleBindings, namespace, {
    metadata: { name: 'namespaceAdmin', namespace, annotations: { user, role: 'admin' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  } as KubeObject);
  return namespace;
}

const notebookForm = (name: string) => ({
  name,
  image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
  imagePullPolicy: 'IfNotPresent',
  serverType: 'jupyter',
  cpu: '0.5',
  memory: '1Gi',
  gpus: { vendor: '', num: 'none' },
  workspace: {
    mount: '/home/jovyan',
    newPvc: {
      metadata: { name: '{notebook-name}-workspace' },
      spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
    },
  },
  datavols: [],
  shm: true,
  configurations: [],
});

describe('end to end through the gateway with the generated clients', () => {
  let stack: Stack;
  let namespace: string;

  before(async () => {
    await waitForAggregatedRole('kubeflow-admin');
    await waitForAggregatedRole('kubeflow-edit');
    stack = await startStack([
      { name: owner.name, groups: owner.groups, role: 'owner' },
      { name: contributor.name, groups: contributor.groups, role: 'contributor' },
    ]);
    namespace = await profileFor(owner.name);
  });
  after(() => stack?.close());

  it('creates, lists, stops, starts and deletes a notebook', async () => {
    const { jupyter } = stack.clients(owner.name);
    const params = { path: { namespace } };
    const created = await jupyter.POST('/api/namespaces/{namespace}/notebooks', {
      params,
      body: notebookForm('e2e-nb') as never,
    });
    assert.equal(created.response.status, 200, JSON.stringify(created.error));
    assert.equal(created.data?.message, 'Notebook created successfully.');

    const listed = await jupyter.GET('/api/namespaces/{namespace}/notebooks', { params });
    assert.deepEqual(
      listed.data?.notebooks.map((notebook) => notebook.name),
      ['e2e-nb'],
    );
    assert.deepEqual(listed.data?.notebooks[0]?.volumes, ['e2e-nb-workspace', 'dshm']);

    const nb = { path: { namespace, name: 'e2e-nb' } };
    const stopped = await jupyter.PATCH('/api/namespaces/{namespace}/notebooks/{name}', {
      params: nb,
      body: { stopped: true },
    });
    assert.equal(stopped.response.status, 200, JSON.stringify(stopped.error));
    const kube = await adminKube();
    const cr = await kube.get(resources.notebooks, namespace, 'e2e-nb');
    assert.match(
      cr.metadata?.annotations?.['kubeflow-resource-stopped'] ?? '',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const again = await jupyter.PATCH('/api/namespaces/{namespace}/notebooks/{name}', {
      params: nb,
      body: { stopped: true },
    });
    assert.equal(again.response.status, 409);

    const started = await jupyter.PATCH('/api/namespaces/{namespace}/notebooks/{name}', {
      params: nb,
      body: { stopped: false },
    });
    assert.equal(started.response.status, 200);
    assert.equal(
      (await kube.get(resources.notebooks, namespace, 'e2e-nb')).metadata?.annotations?.[
        'kubeflow-resource-stopped'
      ],
      undefined,
    );

    const deleted = await jupyter.DELETE('/api/namespaces/{namespace}/notebooks/{name}', { params: nb });
    assert.equal(deleted.response.status, 200);
    await eventually(
      async () => {
        const res = await jupyter.GET('/api/namespaces/{namespace}/notebooks', { params });
        return res.data?.notebooks.length === 0 ? true : undefined;
      },
      20_000,
      'notebook gone',
    );
    // The workspace volume is kept.
    assert.equal(
      (await kube.get(resources.persistentVolumeClaims, namespace, 'e2e-nb-workspace')).metadata?.name,
      'e2e-nb-workspace',
    );
  });

  it('creates a volume, refuses to delete it while a notebook uses it, deletes it once free', async () => {
    const { volumes, jupyter } = stack.clients(owner.name);
    const params = { path: { namespace } };
    const created = await volumes.POST('/api/namespaces/{namespace}/pvcs', {
      params,
      body: { name: 'e2e-data', mode: 'ReadWriteOnce', class: '{none}', size: '1Gi', type: 'empty' } as never,
    });
    assert.equal(created.response.status, 200, JSON.stringify(created.error));
    const listed = await eventually(
      async () => {
        const res = await volumes.GET('/api/namespaces/{namespace}/pvcs', { params });
        return res.data?.pvcs.find((pvc) => pvc.name === 'e2e-data');
      },
      10_000,
      'volume listed',
    );
    assert.equal(listed.capacity, '1Gi');

    const form = notebookForm('e2e-user-of-data');
    const withData = {
      ...form,
      workspace: {
        mount: '/home/jovyan',
        existingSource: { persistentVolumeClaim: { claimName: 'e2e-data' } },
      },
    };
    const nb = await jupyter.POST('/api/namespaces/{namespace}/notebooks', {
      params,
      body: withData as never,
    });
    assert.equal(nb.response.status, 200, JSON.stringify(nb.error));
    const stop = await jupyter.PATCH('/api/namespaces/{namespace}/notebooks/{name}', {
      params: { path: { namespace, name: 'e2e-user-of-data' } },
      body: { stopped: true },
    });
    assert.equal(stop.response.status, 200);

    const pvc = { path: { namespace, pvc: 'e2e-data' } };
    const refused = await volumes.DELETE('/api/namespaces/{namespace}/pvcs/{pvc}', { params: pvc as never });
    assert.equal(refused.response.status, 409);
    assert.match((refused.error as { log: string }).log, /e2e-user-of-data/);
    const kube = await adminKube();
    assert.equal(
      (await kube.get(resources.persistentVolumeClaims, namespace, 'e2e-data')).metadata?.name,
      'e2e-data',
    );

    await jupyter.DELETE('/api/namespaces/{namespace}/notebooks/{name}', {
      params: { path: { namespace, name: 'e2e-user-of-data' } },
    });
    await eventually(
      async () => {
        const res = await volumes.DELETE('/api/namespaces/{namespace}/pvcs/{pvc}', { params: pvc as never });
        return res.response.status === 200 ? true : undefined;
      },
      20_000,
      'volume deleted once free',
    );
  });

  it('creates a TensorBoard on a volume and lists it', async () => {
    const { tensorboards, volumes } = stack.clients(owner.name);
    const params = { path: { namespace } };
    await volumes.POST('/api/namespaces/{namespace}/pvcs', {
      params,
      body: { name: 'e2e-logs', mode: 'ReadWriteOnce', class: '{none}', size: '1Gi', type: 'empty' } as never,
    });
    await eventually(
      async () => {
        const res = await tensorboards.GET('/api/namespaces/{namespace}/pvcs', { params });
        return res.data?.pvcs.includes('e2e-logs') ? true : undefined;
      },
      10_000,
      'PVC visible to the TensorBoards app',
    );
    const created = await tensorboards.POST('/api/namespaces/{namespace}/tensorboards', {
      params,
      body: { name: 'e2e-tb', logspath: 'pvc://e2e-logs/runs' },
    });
    assert.equal(created.response.status, 200, JSON.stringify(created.error));
    const listed = await tensorboards.GET('/api/namespaces/{namespace}/tensorboards', { params });
    assert.deepEqual(
      listed.data?.tensorboards.map((tb) => [tb.name, tb.logspath]),
      [['e2e-tb', 'pvc://e2e-logs/runs']],
    );
    const escape = await tensorboards.POST('/api/namespaces/{namespace}/tensorboards', {
      params,
      body: { name: 'e2e-escape', logspath: 'pvc://e2e-logs/../../etc' },
    });
    assert.equal(escape.response.status, 400);
  });

  it('adds a contributor, whose access flips on, then removes them, whose access flips off', async () => {
    const asContributor = stack.clients(contributor.name);
    const asOwner = stack.clients(owner.name);
    const params = { path: { namespace } };
    const denied = await asContributor.jupyter.GET('/api/namespaces/{namespace}/notebooks', { params });
    assert.equal(denied.response.status, 403);

    const binding = {
      user: { kind: 'User' as const, name: contributor.name },
      referredNamespace: namespace,
      RoleRef: { kind: 'ClusterRole' as const, name: 'edit' as const },
    };
    const added = await asOwner.profiles.POST('/kfam/v1/bindings', { body: binding as never });
    assert.equal(added.response.status, 200, JSON.stringify(added.error));
    await eventually(
      async () => {
        const res = await asContributor.jupyter.GET('/api/namespaces/{namespace}/notebooks', { params });
        return res.response.status === 200 ? true : undefined;
      },
      15_000,
      'access granted',
    );

    // A contributor cannot add contributors.
    const escalation = await asContributor.profiles.POST('/kfam/v1/bindings', {
      body: { ...binding, user: { kind: 'User', name: 'mallory@example.com' } } as never,
    });
    assert.equal(escalation.response.status, 403);

    const removed = await asOwner.profiles.DELETE('/kfam/v1/bindings', { body: binding as never });
    assert.equal(removed.response.status, 200, JSON.stringify(removed.error));
    await eventually(
      async () => {
        const res = await asContributor.jupyter.GET('/api/namespaces/{namespace}/notebooks', { params });
        return res.response.status === 403 ? true : undefined;
      },
      15_000,
      'access revoked',
    );
  });
});
