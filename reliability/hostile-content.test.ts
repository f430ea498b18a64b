import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type KubeObject, type ResourceRef, resources } from '@kf-ts/shared';
import { adminKube } from '../shared/test-support/index.ts';
import { SERVICE_NAMES, type ServiceName, buildServiceApp, operations } from './apps.ts';
import { headersFor, tenantNamespace } from './fixtures.ts';

/** Creates what the API server accepts; records what it refuses (it validates some fields itself). */
async function tryCreate(
  resource: ResourceRef,
  namespace: string | undefined,
  body: KubeObject,
  refused: string[],
) {
  const kube = await adminKube();
  try {
    await kube.create(resource, namespace, body);
  } catch (err) {
    refused.push(`${resource.kind} ${body.metadata?.name}: ${(err as Error).message.slice(0, 120)}`);
  }
}

describe('hostile cluster content never breaks a list or a status', () => {
  const apps = new Map<ServiceName, FastifyInstance>();
  let namespace: string;
  const refused: string[] = [];
  const huge = 'x'.repeat(200_000);

  before(async () => {
    namespace = await tenantNamespace('hostile');
    const nb = (name: string, spec: unknown, extra: Record<string, unknown> = {}): KubeObject => ({
      apiVersion: 'kubeflow.org/v1beta1',
      kind: 'Notebook',
      metadata: { name, namespace, ...extra },
      spec: spec as Record<string, unknown>,
    });
    await tryCreate(resources.notebooks, namespace, nb('no-spec', {}), refused);
    await tryCreate(
      resources.notebooks,
      namespace,
      nb('no-containers', { template: { spec: { containers: [] } } }),
      refused,
    );
    await tryCreate(
      resources.notebooks,
      namespace,
      nb('bare-container', { template: { spec: { containers: [{ name: 'x' }] } } }),
      refused,
    );
    await tryCreate(
      resources.notebooks,
      namespace,
      nb('odd-types', {
        template: {
          spec: {
            containers: [{ name: 'x', image: 42, resources: 'lots', volumeMounts: 'none' }],
            volumes: {},
          },
        },
      }),
      refused,
    );
    await tryCreate(
      resources.notebooks,
      namespace,
      nb(
        'huge-annotation',
        { template: { spec: { containers: [{ name: 'x', image: 'i' }] } } },
        {
          annotations: {
            'notebooks.kubeflow.org/last-activity': huge,
            'notebooks.kubeflow.org/server-type': '💥',
          },
        },
      ),
      refused,
    );
    const kube = await adminKube();
    await kube
      .request('PATCH', `/apis/kubeflow.org/v1beta1/namespaces/${namespace}/notebooks/odd-types/status`, {
        body: {
          status: { readyReplicas: 3, containerState: { waiting: 'weird' }, conditions: [{}, { reason: 5 }] },
        },
        contentType: 'application/merge-patch+json',
      })
      .catch((err: Error) => refused.push(`Notebook status: ${err.message.slice(0, 120)}`));
    for (const [name, spec] of [
      ['expressions-only', { selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }],
      ['no-selector', { desc: 42 }],
      ['empty', {}],
    ] as const) {
      await tryCreate(
        resources.podDefaults,
        namespace,
        {
          apiVersion: 'kubeflow.org/v1alpha1',
          kind: 'PodDefault',
          metadata: { name, namespace },
          spec: spec as Record<string, unknown>,
        },
        refused,
      );
    }
    await tryCreate(
      resources.persistentVolumeClaims,
      namespace,
      {
        metadata: { name: 'no-requests', namespace },
        spec: { accessModes: ['ReadWriteOnce'] },
      } as KubeObject,
      refused,
    );
    await tryCreate(
      resources.persistentVolumeClaims,
      namespace,
      {
        metadata: { name: 'no-modes', namespace },
        spec: { resources: { requests: { storage: '1Gi' } } },
      } as KubeObject,
      refused,
    );
    await tryCreate(
      resources.persistentVolumeClaims,
      namespace,
      {
        metadata: { name: 'big-annotation', namespace, annotations: { note: huge } },
        spec: {
          accessModes: ['ReadWriteMany'],
          resources: { requests: { storage: '1Ei' } },
          storageClassName: 'does-not-exist',
        },
      } as KubeObject,
      refused,
    );
    for (const [name, event] of [
      [
        'odd-type',
        { type: 'Bizarre', reason: '', involvedObject: { kind: 'Notebook', name: 'no-spec', namespace } },
      ],
      ['no-object-name', { type: 'Warning', involvedObject: { kind: 'Notebook', namespace } }],
      [
        'bad-times',
        {
          type: 'Warning',
          involvedObject: { kind: 'PersistentVolumeClaim', name: 'no-modes', namespace },
          message: huge.slice(0, 10_000),
        },
      ],
      [
        'tb-event',
        { type: 'Warning', involvedObject: { kind: 'Tensorboard', name: 'no-logspath', namespace } },
      ],
    ] as const) {
      await tryCreate(
        resources.events,
        namespace,
        { metadata: { name, namespace }, ...event } as KubeObject,
        refused,
      );
    }
    await tryCreate(
      resources.tensorboards,
      namespace,
      {
        apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
        kind: 'Tensorboard',
        metadata: { name: 'no-logspath', namespace },
        spec: {},
      },
      refused,
    );
    await tryCreate(
      resources.tensorboards,
      namespace,
      {
        apiVersion: 'tensorboard.kubeflow.org/v1alpha1',
        kind: 'Tensorboard',
        metadata: { name: 'numeric-logspath', namespace },
        spec: { logspath: 7 },
      },
      refused,
    );
    await tryCreate(
      resources.profiles,
      undefined,
      {
        apiVersion: 'kubeflow.org/v1',
        kind: 'Profile',
        metadata: { name: `${namespace}-ownerless` },
        spec: {},
      },
      refused,
    );
    await tryCreate(
      resources.roleBindings,
      namespace,
      {
        metadata: { name: 'odd-binding', namespace, annotations: { user: '', role: 'superuser' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-edit' },
        subjects: [],
      } as KubeObject,
      refused,
    );
    for (const service of SERVICE_NAMES) apps.set(service, await buildServiceApp(service));
    // Let the caches see everything.
    await new Promise((r) => setTimeout(r, 1000));
  });
  after(async () => {
    for (const app of apps.values()) await app.close();
    console.log(
      `# hostile objects refused by the API server itself: ${refused.length ? refused.join(' | ') : 'none'}`,
    );
  });

  it('every GET of every service answers 2xx (or a clean 404 for objects that do not exist) as the owner and as a cluster admin', async () => {
    const failures: string[] = [];
    const names = [
      'no-spec',
      'no-containers',
      'bare-container',
      'odd-types',
      'huge-annotation',
      'no-modes',
      'big-annotation',
      'no-logspath',
      'numeric-logspath',
    ];
    for (const operation of operations().filter((op) => op.method === 'GET')) {
      const targets = operation.path.includes('{name}') || operation.path.includes('{pvc}') ? names : ['-'];
      for (const target of targets) {
        const url = operation.path.replace(/\{(\w+)\}/g, (_m, param: string) =>
          param === 'namespace' || param === 'profile' ? namespace : param === 'pod' ? `${target}-0` : target,
        );
        for (const persona of ['owner', 'clusterAdmin'] as const) {
          const res = await apps.get(operation.service)!.inject({
            url: operation.operationId === 'queryClusterAdmin' ? `${url}?user=x` : url,
            headers: headersFor(persona),
          });
          const fine =
            (res.statusCode >= 200 && res.statusCode < 300) ||
            res.statusCode === 404 ||
            (operation.operationId === 'queryClusterAdmin' && res.statusCode === 403);
          if (!fine)
            failures.push(
              `${operation.service} GET ${url} as ${persona}: ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('shows the odd notebooks in the list with what is known', async () => {
    const res = await apps
      .get('jupyter-api')!
      .inject({ url: `/api/namespaces/${namespace}/notebooks`, headers: headersFor('owner') });
    assert.equal(res.statusCode, 200);
    const names = (res.json().notebooks as { name: string; status: { phase: string } }[]).map(
      (notebook) => notebook.name,
    );
    for (const name of ['no-spec', 'no-containers', 'bare-container', 'odd-types', 'huge-annotation'])
      assert.ok(names.includes(name), name);
  });
});
