import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, KubeRequestError, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually, serviceKube } from '@kf-ts/shared/testing';
import { alice, bob, buildTestApp, dave, grant, json, teamNamespace } from './helpers.ts';

const SCIPY = 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0';

/** The body the unchanged SPA sends. */
const spaBody = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'ignored',
  image: SCIPY,
  allowCustomImage: true,
  imagePullPolicy: 'IfNotPresent',
  customImage: '',
  customImageCheck: false,
  serverType: 'jupyter',
  cpu: '0.5',
  cpuLimit: '',
  memory: '1Gi',
  memoryLimit: '',
  gpus: { vendor: '', num: 'none' },
  workspace: {
    mount: '/home/jovyan',
    newPvc: {
      metadata: { name: '{notebook-name}-workspace' },
      spec: { resources: { requests: { storage: '5Gi' } }, accessModes: ['ReadWriteOnce'] },
    },
  },
  datavols: [],
  shm: true,
  configurations: [],
  affinityConfig: '',
  tolerationGroup: '',
  ...extra,
});

async function exists(kube: KubeClient, resource: (typeof resources)['notebooks'], ns: string, name: string) {
  try {
    await kube.get(resource, ns, name);
    return true;
  } catch (err) {
    if (isKubeNotFound(err)) return false;
    throw err;
  }
}

describe('POST /api/namespaces/{ns}/notebooks', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('jup-create');
    admin = await adminKube();
    await admin.create(resources.podDefaults, ns, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'pipelines' },
      spec: { desc: 'Pipelines', selector: { matchLabels: { 'access-ml-pipeline': 'true' } } },
    });
    await eventually(() =>
      app.caches
        .all()
        .find((c) => c.resource.plural === 'poddefaults')
        ?.list(ns).length
        ? true
        : undefined,
    );
  });
  after(() => app.close());

  it('creates the PVC and the exact Notebook from the SPA form', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: { ...browserCall(alice), 'content-type': 'application/json; charset=utf-8' },
      payload: spaBody('nb1', { configurations: ['access-ml-pipeline'], environment: { MODE: 'dev' } }),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.equal(body.success, true);
    assert.equal(body.status, 200);
    assert.equal(body.user, alice.name);
    assert.equal(body.message, 'Notebook created successfully.');
    assert.equal(body.notebook.metadata.name, 'nb1');

    const notebook = await admin.get<Record<string, any>>(resources.notebooks, ns, 'nb1'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(notebook.metadata.labels, { app: 'nb1', 'access-ml-pipeline': 'true' });
    assert.deepEqual(notebook.metadata.annotations, {
      'notebooks.kubeflow.org/server-type': 'jupyter',
      'notebooks.kubeflow.org/creator': alice.name,
    });
    assert.deepEqual(notebook.spec, {
      template: {
        spec: {
          serviceAccountName: 'default-editor',
          containers: [
            {
              name: 'nb1',
              image: SCIPY,
              imagePullPolicy: 'IfNotPresent',
              volumeMounts: [
                { name: 'nb1-workspace', mountPath: '/home/jovyan' },
                { name: 'dshm', mountPath: '/dev/shm' },
              ],
              env: [{ name: 'MODE', value: 'dev' }],
              resources: {
                requests: { cpu: '0.5', memory: '1Gi' },
                limits: { cpu: '600m', memory: '1229Mi' },
              },
            },
          ],
          volumes: [
            { name: 'nb1-workspace', persistentVolumeClaim: { claimName: 'nb1-workspace' } },
            { name: 'dshm', emptyDir: { medium: 'Memory' } },
          ],
          tolerations: [],
        },
      },
    });
    const pvc = await admin.get<Record<string, any>>(resources.persistentVolumeClaims, ns, 'nb1-workspace'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(pvc.spec.accessModes, ['ReadWriteOnce']);
    assert.deepEqual(pvc.spec.resources.requests, { storage: '5Gi' });
    // read-your-writes: the list shows it at once
    const list = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks`, headers: browserCall(alice) }),
    );
    assert.ok(list.notebooks.some((n: { name: string }) => n.name === 'nb1'));
  });

  it('refuses invalid forms with field details and leaves nothing behind', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [spaBody('bad1', { cpu: '2', cpuLimit: '1' }), '/body/cpuLimit'],
      [spaBody('bad2', { gpus: { num: '1', vendor: 'cpu' } }), '/body/gpus/vendor'],
      [spaBody('bad3', { configurations: ['not-a-poddefault'] }), '/body/configurations/0'],
      [
        spaBody('bad4', { datavols: [{ mount: '/host', existingSource: { hostPath: { path: '/' } } }] }),
        '/body/datavols/0/existingSource/hostPath',
      ],
      [spaBody('bad5', { tolerationGroup: 'gold' }), '/body/tolerationGroup'],
      [spaBody('bad6', { serverType: 'emacs' }), '/body/serverType'],
      [spaBody('nb #x'), '/body/name'],
      [spaBody('a'.repeat(53)), '/body/name'],
      [{ image: SCIPY }, '/body/name'],
      [spaBody('bad7', { cpu: { amount: 1 } }), '/body/cpu'],
    ];
    for (const [payload, field] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/namespaces/${ns}/notebooks`,
        headers: browserCall(alice),
        payload,
      });
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const body = json(res);
      assert.equal(body.success, false);
      assert.equal(body.status, 400);
      assert.ok(
        body.details.some((d: { field: string }) => d.field.startsWith(field)),
        `${field}: ${res.body}`,
      );
    }
    const notebooks = await admin.list(resources.notebooks, { namespace: ns });
    assert.deepEqual(
      notebooks.items.map((n) => n.metadata?.name),
      ['nb1'],
    );
    const pvcs = await admin.list(resources.persistentVolumeClaims, { namespace: ns });
    assert.deepEqual(
      pvcs.items.map((p) => p.metadata?.name),
      ['nb1-workspace'],
    );
    const notJson = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: { ...browserCall(alice), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(notJson.statusCode, 400);
  });

  it('answers 409 for an existing name, creating nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(alice),
      payload: spaBody('nb1', {
        workspace: {
          ...spaBody('x').workspace,
          newPvc: { ...spaBody('x').workspace.newPvc, metadata: { name: 'fresh-pvc' } },
        },
      }),
    });
    assert.equal(res.statusCode, 409);
    assert.equal(await exists(admin, resources.persistentVolumeClaims, ns, 'fresh-pvc'), false);
  });

  it('removes the new PVCs when the Notebook cannot be created', async () => {
    const kube = await serviceKube('jupyter-api');
    const create = kube.create.bind(kube);
    kube.create = (async (resource, namespace, body, options) => {
      if (resource.plural === 'notebooks' && !options?.dryRun) {
        throw new KubeRequestError(500, { message: 'injected failure' }, 'create notebooks');
      }
      return create(resource, namespace, body, options);
    }) as typeof kube.create;
    const faulty = await buildTestApp({}, kube);
    try {
      const res = await faulty.inject({
        method: 'POST',
        url: `/api/namespaces/${ns}/notebooks`,
        headers: browserCall(alice),
        payload: spaBody('rollback', {
          datavols: [
            {
              mount: '/data',
              newPvc: {
                metadata: { name: '{notebook-name}-data' },
                spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
              },
            },
          ],
        }),
      });
      assert.equal(res.statusCode, 503);
      for (const name of ['rollback-workspace', 'rollback-data']) {
        await eventually(
          async () => ((await exists(admin, resources.persistentVolumeClaims, ns, name)) ? undefined : true),
          15_000,
          `${name} removed`,
        );
      }
      assert.equal(await exists(admin, resources.notebooks, ns, 'rollback'), false);
    } finally {
      await faulty.close();
    }
  });

  it('needs create notebooks, and create persistentvolumeclaims for new volumes', async () => {
    const viewer = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(bob),
      payload: spaBody('by-bob'),
    });
    assert.equal(viewer.statusCode, 403);
    assert.equal(
      json(viewer).log,
      `User '${bob.name}' is not authorized to create kubeflow.org/v1beta1/notebooks in namespace '${ns}'`,
    );
    await grant(ns, dave.name, [
      { apiGroups: ['kubeflow.org'], resources: ['notebooks'], verbs: ['create'] },
    ]);
    const noPvc = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(dave),
      payload: spaBody('by-dave'),
    });
    assert.equal(noPvc.statusCode, 403);
    assert.equal(
      json(noPvc).log,
      `User '${dave.name}' is not authorized to create v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    assert.equal(await exists(admin, resources.notebooks, ns, 'by-dave'), false);
    // without new volumes the PVC permission is not needed
    const existing = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(dave),
      payload: spaBody('by-dave', {
        workspace: {
          mount: '/home/jovyan',
          existingSource: { persistentVolumeClaim: { claimName: 'nb1-workspace' } },
        },
      }),
    });
    assert.equal(existing.statusCode, 200, existing.body);
    const csrfless = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: { 'kubeflow-userid': alice.name, 'kubeflow-groups': alice.groups.join(',') },
      payload: spaBody('no-csrf'),
    });
    assert.equal(csrfless.statusCode, 403);
  });
});
