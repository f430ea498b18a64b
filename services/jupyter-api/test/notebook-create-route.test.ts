import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, KubeRequestError, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually, serviceKube } from '@kf-ts/shared/testing';
import { alice, bob, buildTestApp, dave, grant, json, teamNamespace, served } from './helpers.ts';

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

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What a PVC we created holds. storageClassName is left out: the API server's DefaultStorageClass
 * admission fills it in when some test has made a default class, and we never send one here.
 */
function pvcShape(pvc: Obj) {
  const { storageClassName: _class, ...spec } = pvc.spec;
  return {
    name: pvc.metadata.name,
    labels: pvc.metadata.labels,
    ownerReferences: pvc.metadata.ownerReferences,
    spec,
  };
}

async function names(kube: KubeClient, resource: (typeof resources)['notebooks'], ns: string) {
  return (await kube.list(resource, { namespace: ns })).items.map((item) => item.metadata?.name).sort();
}

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
    const notebook = await admin.get<Record<string, any>>(resources.notebooks, ns, 'nb1'); // eslint-disable-line @typescript-eslint/no-explicit-any
    // the envelope, with the Notebook exactly as the API server stored it
    assert.deepEqual(body, {
      success: true,
      status: 200,
      user: alice.name,
      message: 'Notebook created successfully.',
      notebook: served(notebook),
    });
    assert.deepEqual(Object.keys(notebook).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
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
    const pvcs = await admin.list<Obj>(resources.persistentVolumeClaims, { namespace: ns });
    assert.deepEqual(
      pvcs.items.map((pvc) => pvc.metadata.name),
      ['nb1-workspace'],
    );
    assert.deepEqual(pvcShape(pvcs.items[0]!), {
      name: 'nb1-workspace',
      labels: undefined,
      ownerReferences: undefined,
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '5Gi' } },
        volumeMode: 'Filesystem',
      },
    });
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
      [spaBody('bad8', { cpu: 'NaN' }), '/body/cpu'],
      [spaBody('bad9', { memory: '-1Gi' }), '/body/memory'],
      [spaBody('bad10', { memory: '2Gi', memoryLimit: '1024Mi' }), '/body/memoryLimit'],
      [spaBody('bad11', { gpus: { num: '99', vendor: 'nvidia.com/gpu' } }), '/body/gpus/num'],
      [spaBody('bad12', { imagePullPolicy: 'Sometimes' }), '/body/imagePullPolicy'],
      [spaBody('bad13', { affinityConfig: 'dedicated' }), '/body/affinityConfig'],
      [spaBody('bad14', { configurations: ['app'] }), '/body/configurations/0'],
      [spaBody('bad15', { environment: { '1 bad': 'x' } }), '/body/environment/1 bad'],
      [spaBody('bad16', { image: 'has space' }), '/body/image'],
      [spaBody('bad17', { shm: 'yes' }), '/body/shm'],
      [spaBody('bad18', { datavols: { mount: '/data' } }), '/body/datavols'],
      [
        spaBody('bad19', { datavols: [{ mount: 'relative', existingSource: { emptyDir: {} } }] }),
        '/body/datavols/0/mount',
      ],
      [
        spaBody('bad20', {
          datavols: [{ mount: '/two', existingSource: { emptyDir: {}, configMap: { name: 'x' } } }],
        }),
        '/body/datavols/0/existingSource',
      ],
      [
        spaBody('bad21', {
          datavols: [{ mount: '/d', newPvc: { metadata: { name: 'Bad_{notebook-name}' }, spec: {} } }],
        }),
        '/body/datavols/0/newPvc/metadata/name',
      ],
      [
        spaBody('bad22', {
          workspace: {
            mount: '/home/jovyan',
            newPvc: { metadata: { name: 'ws' }, spec: { accessModes: ['ReadWriteOnce'] } },
          },
        }),
        '/body/workspace/newPvc/spec/resources/requests/storage',
      ],
      [
        spaBody('bad23', { datavols: [{ mount: '/dev/shm', existingSource: { emptyDir: {} } }] }),
        '/body/datavols',
      ],
      [spaBody('nb.dotted'), '/body/name'],
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
      assert.deepEqual(Object.keys(body).sort(), [
        'code',
        'details',
        'log',
        'requestId',
        'status',
        'success',
        'user',
      ]);
      assert.equal(body.success, false);
      assert.equal(body.status, 400);
      assert.equal(body.user, alice.name);
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.ok(
        body.details.some((d: { field: string }) => d.field === field),
        `${field}: ${res.body}`,
      );
      // the message names the field, so a person reading only `log` knows what to fix
      assert.ok(body.log.includes(field.replace(/^\/body\//, '')), `${field}: ${body.log}`);
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
    assert.equal(json(notJson).log, 'The request body is not valid JSON.');
    const notJsonType = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: { ...browserCall(alice), 'content-type': 'text/plain' },
      payload: 'name=nb',
    });
    // a form-encoded or plain-text body is not the JSON object the route needs
    assert.equal(notJsonType.statusCode, 400, notJsonType.body);
    assert.equal(json(notJsonType).details[0].field, '/body');
    const badNamespace = await app.inject({
      method: 'POST',
      url: '/api/namespaces/Bad_NS/notebooks',
      headers: browserCall(alice),
      payload: spaBody('nb-bad-ns'),
    });
    assert.equal(badNamespace.statusCode, 400);
    assert.equal(json(badNamespace).details[0].field, '/params/namespace');
    assert.deepEqual(await names(admin, resources.notebooks, ns), ['nb1']);
    assert.deepEqual(await names(admin, resources.persistentVolumeClaims, ns), ['nb1-workspace']);
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
    assert.equal(
      json(res).log,
      `A notebook named nb1 already exists in namespace ${ns}; choose another name.`,
    );
    assert.deepEqual(json(res).details, [
      { field: '/body/name', message: 'is taken by an existing notebook' },
    ]);
    assert.equal(await exists(admin, resources.persistentVolumeClaims, ns, 'fresh-pvc'), false);
  });

  it('answers 409 naming the field of a new volume whose PVC exists, creating nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(alice),
      payload: spaBody('clash', {
        datavols: [
          {
            mount: '/data',
            newPvc: {
              metadata: { name: 'nb1-workspace' },
              spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
            },
          },
        ],
      }),
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(json(res).log, /^A volume \(PVC\) named nb1-workspace already exists/);
    assert.deepEqual(json(res).details, [
      { field: '/body/datavols/0/newPvc/metadata/name', message: 'PVC nb1-workspace already exists' },
    ]);
    assert.equal(await exists(admin, resources.notebooks, ns, 'clash'), false);
    assert.equal(await exists(admin, resources.persistentVolumeClaims, ns, 'clash-workspace'), false);
  });

  it("answers 422 with the API server's field details when it refuses a PVC, creating nothing", async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/notebooks`,
      headers: browserCall(alice),
      payload: spaBody('refused', {
        datavols: [
          {
            mount: '/data',
            newPvc: {
              metadata: { name: '{notebook-name}-data' },
              spec: {
                resources: { requests: { storage: '1Gi' } },
                accessModes: ['ReadWriteOnce'],
                volumeMode: 'Sideways',
              },
            },
          },
        ],
      }),
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = json(res);
    assert.equal(body.code, 'UNPROCESSABLE');
    assert.ok(
      body.details.some((d: { field: string }) => d.field === 'spec.volumeMode'),
      res.body,
    );
    assert.match(body.log, /refused-data/);
    // the workspace PVC passed its dry run, but nothing was created because the next one failed
    assert.equal(await exists(admin, resources.persistentVolumeClaims, ns, 'refused-workspace'), false);
    assert.equal(await exists(admin, resources.persistentVolumeClaims, ns, 'refused-data'), false);
    assert.equal(await exists(admin, resources.notebooks, ns, 'refused'), false);
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
