import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import type { EventObject, PvcObject, ViewerObject } from '../src/pvc-status.ts';
import type { NotebookObject } from '../src/volume-usage.ts';
import { adminKube, asUser, eventually } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  adminPod,
  adminPvc,
  alice,
  bob,
  buildTestApp,
  grant,
  dave,
  json,
  mallory,
  pvcEvent,
  setViewerStatus,
  teamNamespace,
} from './helpers.ts';

// The PV controller records its own events about unbound PVCs as they are created; the test's
// events are dated later so they are the newest.
const soon = (seconds: number) =>
  new Date(Date.now() + 3600_000 + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

describe('GET /api/namespaces/{ns}/pvcs, /pvcs/{pvc}, /pods, /events', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let waiting: KubeObject;
  const get = (path: string, user: { name: string; groups?: string[] } = alice, headers = {}) =>
    app.inject({
      method: 'GET',
      url: `/api/namespaces/${ns}${path}`,
      headers: { ...asUser(user), ...headers },
    });

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('vol-read');
    const admin = await adminKube();
    await adminPvc(ns, 'data', { storageClassName: 'fast' });
    waiting = await adminPvc(ns, 'waiting');
    await adminPvc(ns, 'unused', { accessModes: ['ReadWriteMany', 'ReadOnlyMany'] });
    await adminNotebook(ns, 'nb-running', ['data']);
    await adminNotebook(ns, 'nb-stopped', ['data', 'waiting'], true);
    await adminPod(ns, 'worker', ['data']);
    await adminPod(ns, 'other', ['unused']);
    await pvcEvent(
      ns,
      { name: 'waiting', uid: waiting.metadata?.uid },
      {
        reason: 'Provisioning',
        message: 'External provisioner is provisioning volume',
        at: soon(1),
      },
    );
    await pvcEvent(
      ns,
      { name: 'waiting', uid: waiting.metadata?.uid },
      {
        reason: 'ProvisioningFailed',
        message: 'storage backend is full',
        type: 'Warning',
        at: soon(9),
      },
    );
    await admin.create(resources.pvcViewers, ns, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PVCViewer',
      metadata: { name: 'data', namespace: ns },
      spec: { pvc: 'data' },
    });
    await setViewerStatus(ns, 'data', { ready: true, url: `/pvcviewers/${ns}/data/` });
    await eventually(
      () => (app.volumes.views.viewers?.get(ns, 'data')?.status ? true : undefined),
      10_000,
      'viewer in cache',
    );
    await eventually(() =>
      app.volumes.views.pvcEvents(ns, 'waiting').some((event) => event.reason === 'ProvisioningFailed')
        ? true
        : undefined,
    );
    await eventually(() => (app.volumes.views.pods.list(ns).length === 2 ? true : undefined));
    await eventually(() => (app.volumes.views.notebooks.list(ns).length === 2 ? true : undefined));
  });
  after(() => app.close());

  it('lists PVCs with status, the notebooks using them (stopped too) and the viewer', async () => {
    const res = await get('/pvcs');
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['pvcs', 'status', 'success', 'user']);
    assert.equal(body.success, true);
    assert.equal(body.status, 200);
    assert.equal(body.user, alice.name);
    assert.deepEqual(
      body.pvcs.map((p: { name: string }) => p.name),
      ['data', 'unused', 'waiting'],
    );
    const [data, unused, pending] = body.pvcs;
    assert.deepEqual(Object.keys(data).sort(), [
      'age',
      'capacity',
      'class',
      'modes',
      'name',
      'namespace',
      'notebooks',
      'status',
      'viewer',
    ]);
    assert.equal(data.namespace, ns);
    assert.equal(data.capacity, '1Gi');
    assert.equal(data.class, 'fast');
    assert.deepEqual(data.modes, ['ReadWriteOnce']);
    assert.deepEqual(data.notebooks, ['nb-running', 'nb-stopped']);
    assert.deepEqual(data.viewer, { status: 'ready', url: `/pvcviewers/${ns}/data/` });
    assert.ok(!Number.isNaN(Date.parse(data.age)));
    // Unbound: the status comes from the PV controller's newest event about it.
    assert.deepEqual(Object.keys(data.status).sort(), ['message', 'state', 'phase'].sort());
    assert.match(data.status.message, /^Pending: |^Provisioning Volume\.\.\.$/);
    assert.deepEqual(unused.modes, ['ReadWriteMany', 'ReadOnlyMany']);
    assert.deepEqual(unused.notebooks, []);
    assert.equal(unused.class, null);
    assert.deepEqual(unused.viewer, { status: 'uninitialized', url: null });
    assert.deepEqual(pending.notebooks, ['nb-stopped']);
    // The newest event decides, whatever order the API lists them in.
    assert.deepEqual(pending.status, {
      phase: 'warning',
      message: 'Pending: storage backend is full',
      state: 'ProvisioningFailed',
    });
  });

  it('reuses the answer until something changes (ETag, 304), then rebuilds it', async () => {
    const first = await get('/pvcs');
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const again = await get('/pvcs', alice, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    await adminPvc(ns, 'newcomer');
    await eventually(() => (app.volumes.views.pvcs.get(ns, 'newcomer') ? true : undefined));
    const changed = await get('/pvcs', alice, { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.ok(json(changed).pvcs.some((p: { name: string }) => p.name === 'newcomer'));
    await (await adminKube()).delete(resources.persistentVolumeClaims, ns, 'newcomer');
  });

  it('costs no Kubernetes call beyond the access checks', async () => {
    const calls: string[] = [];
    const stop = app.kube.onCall((call) => calls.push(call.operation));
    await get('/pvcs');
    await get('/pvcs/data/pods');
    await get('/pvcs/waiting/events');
    stop();
    assert.deepEqual(
      calls.filter((operation) => !operation.includes('subjectaccessreviews')),
      [],
    );
  });

  it('needs list pvcs, list notebooks, list events and list pvcviewers', async () => {
    const res = await get('/pvcs', mallory);
    assert.equal(res.statusCode, 403);
    assert.equal(
      json(res).log,
      `User '${mallory.name}' is not authorized to list v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    // Each permission in turn; decisions are cached for 10 s, so a fresh app asks again.
    const steps: [{ apiGroups: string[]; resources: string[]; verbs: string[] }, string][] = [
      [
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list'] },
        'list kubeflow.org/v1beta1/notebooks',
      ],
      [{ apiGroups: ['kubeflow.org'], resources: ['notebooks'], verbs: ['list'] }, 'list v1/events'],
      [{ apiGroups: [''], resources: ['events'], verbs: ['list'] }, 'list kubeflow.org/v1alpha1/pvcviewers'],
    ];
    for (const [rule, missing] of steps) {
      await grant(ns, dave.name, [rule]);
      const fresh = await buildTestApp();
      try {
        const denied = await fresh.inject({
          method: 'GET',
          url: `/api/namespaces/${ns}/pvcs`,
          headers: asUser(dave),
        });
        assert.equal(denied.statusCode, 403, denied.body);
        assert.equal(
          json(denied).log,
          `User '${dave.name}' is not authorized to ${missing} in namespace '${ns}'`,
        );
      } finally {
        await fresh.close();
      }
    }
    const viewer = await get('/pvcs', bob);
    assert.equal(viewer.statusCode, 200);
  });

  it('lists odd objects other clusters may hold without failing (fields missing or of the wrong type)', async () => {
    // The API server refuses a PVC without requests or access modes, and the CRDs refuse most of
    // the rest, so these go straight into the caches, as a watch on another cluster could deliver them.
    const odd = await buildTestApp();
    try {
      const { views } = odd.volumes;
      views.pvcs.applyWrite({ metadata: { name: 'zz-bare', namespace: ns } } as PvcObject);
      views.pvcs.applyWrite({
        metadata: { name: 'zz-odd', namespace: ns, creationTimestamp: 42 as unknown as string },
        spec: { accessModes: 'ReadWriteOnce', resources: null, storageClassName: 7 },
        status: { phase: 'Bound', capacity: 'lots', conditions: [null, 'Resizing', { type: 3 }] },
      } as unknown as PvcObject);
      views.pvcs.applyWrite({
        metadata: { name: 'zz-events', namespace: ns },
        spec: { accessModes: ['ReadWriteOnce', 9], resources: { requests: { storage: 5 } } },
        status: { phase: 'Pending' },
      } as unknown as PvcObject);
      for (const [name, fields] of [
        ['e1', { involvedObject: null }],
        ['e2', { involvedObject: { name: 'zz-events' }, lastTimestamp: 'yesterday' }],
        [
          'e3',
          { involvedObject: { name: 'zz-events', kind: 'PersistentVolumeClaim' }, reason: 'Odd', message: 7 },
        ],
      ] as const) {
        views.events.applyWrite({ metadata: { name, namespace: ns }, ...fields } as unknown as EventObject);
      }
      views.notebooks.applyWrite({
        metadata: { name: 'zz-nb', namespace: ns, annotations: null },
        spec: {
          template: {
            spec: {
              volumes: [
                null,
                { persistentVolumeClaim: null },
                { persistentVolumeClaim: { claimName: 'zz-bare' } },
              ],
            },
          },
        },
      } as unknown as NotebookObject);
      views.viewers?.applyWrite({
        metadata: { name: 'zz-bare', namespace: ns },
        spec: null,
        status: 'up',
      } as unknown as ViewerObject);
      views.viewers?.applyWrite({
        metadata: { name: 'zz-odd', namespace: ns },
        spec: { pvc: 'zz-odd' },
        status: { ready: 'yes', url: 5 },
      } as unknown as ViewerObject);
      const res = await odd.inject({
        method: 'GET',
        url: `/api/namespaces/${ns}/pvcs`,
        headers: asUser(alice),
      });
      assert.equal(res.statusCode, 200, res.body);
      const byName = new Map(json(res).pvcs.map((pvc: { name: string }) => [pvc.name, pvc]));
      assert.deepEqual(byName.get('zz-bare'), {
        name: 'zz-bare',
        namespace: ns,
        age: '',
        capacity: '',
        modes: [],
        class: null,
        status: { phase: 'waiting', message: 'Provisioning Volume...', state: '' },
        notebooks: ['zz-nb'],
        viewer: { status: 'waiting', url: null },
      });
      assert.deepEqual(byName.get('zz-odd'), {
        name: 'zz-odd',
        namespace: ns,
        age: '',
        capacity: '',
        modes: [],
        class: null,
        status: { phase: 'ready', message: 'Bound', state: '' },
        notebooks: [],
        viewer: { status: 'waiting', url: null },
      });
      const events = byName.get('zz-events') as Record<string, unknown>;
      assert.equal(events.capacity, '5');
      assert.deepEqual(events.modes, ['ReadWriteOnce']);
      // The only event with a kind and a reason decides; odd values read as empty text.
      assert.deepEqual(events.status, { phase: 'waiting', message: 'Pending: ', state: 'Odd' });
      const pvcEvents = await odd.inject({
        method: 'GET',
        url: `/api/namespaces/${ns}/pvcs/zz-events/events`,
        headers: asUser(alice),
      });
      assert.equal(pvcEvents.statusCode, 200, pvcEvents.body);
      assert.deepEqual(
        json(pvcEvents).events.map((event: KubeObject) => event.metadata?.name),
        ['e3', 'e2'],
      );
    } finally {
      await odd.close();
    }
  });

  it('gets one PVC', async () => {
    const res = await get('/pvcs/data');
    assert.equal(res.statusCode, 200);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['pvc', 'status', 'success', 'user']);
    assert.equal(body.pvc.metadata.name, 'data');
    assert.equal(body.pvc.spec.storageClassName, 'fast');
    assert.equal(body.pvc.kind ?? 'PersistentVolumeClaim', 'PersistentVolumeClaim');
    const missing = await get('/pvcs/missing');
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).success, false);
    assert.equal((await get('/pvcs/Bad_Name')).statusCode, 400);
    const denied = await get('/pvcs/data', mallory);
    assert.equal(denied.statusCode, 403);
    assert.equal(
      json(denied).log,
      `User '${mallory.name}' is not authorized to get v1/persistentvolumeclaims in namespace '${ns}'`,
    );
  });

  it('lists the pods mounting a PVC', async () => {
    const res = await get('/pvcs/data/pods');
    assert.equal(res.statusCode, 200);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['pods', 'status', 'success', 'user']);
    assert.deepEqual(
      body.pods.map((pod: KubeObject) => pod.metadata?.name),
      ['worker'],
    );
    assert.equal(body.pods[0].spec.volumes[0].persistentVolumeClaim.claimName, 'data');
    assert.deepEqual(json(await get('/pvcs/nothing-here/pods')).pods, []);
    const denied = await get('/pvcs/data/pods', mallory);
    assert.equal(denied.statusCode, 403);
    assert.match(json(denied).log, /list v1\/pods/);
  });

  it('lists the events of a PVC, newest first', async () => {
    const res = await get('/pvcs/waiting/events');
    assert.equal(res.statusCode, 200);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['events', 'status', 'success', 'user']);
    assert.deepEqual(
      body.events.slice(0, 2).map((event: { reason: string }) => event.reason),
      ['ProvisioningFailed', 'Provisioning'],
    );
    assert.ok(
      body.events.every(
        (event: KubeObject & { involvedObject: { name: string } }) => event.involvedObject.name === 'waiting',
      ),
    );
    assert.deepEqual(json(await get('/pvcs/no-such-pvc/events')).events, []);
    const denied = await get('/pvcs/waiting/events', mallory);
    assert.equal(denied.statusCode, 403);
    assert.match(json(denied).log, /list v1\/events/);
    assert.equal((await get('/pvcs/UPPER/events')).statusCode, 400);
  });
});
