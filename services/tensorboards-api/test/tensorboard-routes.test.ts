import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import { adminKube, asUser, browserCall } from '@kf-ts/shared/testing';
import {
  adminCreate,
  alice,
  bob,
  buildTestApp,
  eventually,
  mallory,
  podDefault,
  pvc,
  teamNamespace,
} from './helpers.ts';

describe('tensorboards-api routes', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  const url = () => `/api/namespaces/${ns}/tensorboards`;

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('tb');
    await pvc(ns, 'logs');
    await podDefault(ns, 'gcp', 'add-gcp-secret');
    await eventually(
      () =>
        app.caches.all().every((cache) => cache.synced) &&
        app.caches
          .all()
          .find((c) => c.resource.plural === 'persistentvolumeclaims')
          ?.get(ns, 'logs'),
    );
    await eventually(() =>
      app.caches
        .all()
        .find((c) => c.resource.plural === 'poddefaults')
        ?.get(ns, 'gcp'),
    );
  });
  after(() => app.close());

  it('creates the exact Tensorboard CR from a pvc:// path and PodDefault labels', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(alice),
      payload: { name: 'tb-pvc', logspath: 'pvc://logs/runs/exp1', configurations: ['add-gcp-secret'] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['message', 'status', 'success', 'tensorboard', 'user']);
    assert.equal(body.message, 'TensorBoard created successfully.');
    const kube = await adminKube();
    const cr = await kube.get<KubeObject & { spec: unknown }>(resources.tensorboards, ns, 'tb-pvc');
    assert.deepEqual(cr.spec, { logspath: 'pvc://logs/runs/exp1' });
    assert.deepEqual(cr.metadata?.labels, { 'add-gcp-secret': 'true' });
  });

  it('accepts an object-store URL and an absent configurations list (none, not a 400)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(alice),
      payload: { name: 'tb-s3', logspath: 's3://bucket/runs' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const kube = await adminKube();
    const cr = await kube.get(resources.tensorboards, ns, 'tb-s3');
    assert.equal(cr.metadata?.labels, undefined);
  });

  it('lists with the upstream fields and status, right after the create', async () => {
    const res = await app.inject({ url: url(), headers: asUser(bob) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.success, true);
    assert.equal(body.user, bob.name);
    const item = body.tensorboards.find((tb: { name: string }) => tb.name === 'tb-pvc');
    assert.deepEqual(Object.keys(item).sort(), ['age', 'logspath', 'name', 'namespace', 'status']);
    assert.equal(item.logspath, 'pvc://logs/runs/exp1');
    assert.equal(item.namespace, ns);
    assert.equal(item.status.phase, 'waiting');
    const again = await app.inject({
      url: url(),
      headers: { ...asUser(bob), 'if-none-match': String(res.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
  });

  it('shows ready once the controller reports a ready replica, and a warning event otherwise', async () => {
    const kube = await adminKube();
    await kube.request(
      'PATCH',
      `/apis/tensorboard.kubeflow.org/v1alpha1/namespaces/${ns}/tensorboards/tb-pvc/status`,
      {
        body: { status: { readyReplicas: 1, conditions: [] } },
        contentType: 'application/merge-patch+json',
      },
    );
    const created = await kube.get(resources.tensorboards, ns, 'tb-s3');
    await adminCreate(resources.events, ns, {
      metadata: { name: 'tb-s3.warn', namespace: ns },
      involvedObject: { kind: 'Tensorboard', name: 'tb-s3', namespace: ns, uid: created.metadata?.uid },
      type: 'Warning',
      reason: 'FailedCreate',
      message: 'quota exceeded',
      lastTimestamp: new Date().toISOString(),
    } as KubeObject);
    const statuses = await eventually(async () => {
      const res = await app.inject({ url: url(), headers: asUser(bob) });
      const byName = Object.fromEntries(
        res
          .json()
          .tensorboards.map((tb: { name: string; status: { phase: string } }) => [tb.name, tb.status.phase]),
      );
      return byName['tb-pvc'] === 'ready' && byName['tb-s3'] === 'warning' ? byName : undefined;
    });
    assert.equal(statuses['tb-pvc'], 'ready');
  });

  it('gets one TensorBoard with its processed status and events', async () => {
    const res = await app.inject({ url: `${url()}/tb-s3`, headers: asUser(bob) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.tensorboard.metadata.name, 'tb-s3');
    assert.equal(body.tensorboard.processed_status.phase, 'warning');
    assert.equal(body.events[0].reason, 'FailedCreate');
    assert.equal((await app.inject({ url: `${url()}/nope`, headers: asUser(bob) })).statusCode, 404);
  });

  it('lists across every namespace the caller may list TensorBoards in', async () => {
    const res = await app.inject({ url: '/api/tensorboards', headers: asUser(alice) });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().tensorboards.some((tb: { namespace: string }) => tb.namespace === ns));
    const stranger = await app.inject({ url: '/api/tensorboards', headers: asUser(mallory) });
    assert.equal(stranger.statusCode, 200);
    assert.ok(!stranger.json().tensorboards.some((tb: { namespace: string }) => tb.namespace === ns));
  });

  it('refuses each kind of bad input with field details and creates nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: 'Bad_Name', logspath: 's3://b' }, '/body/name', /pattern/],
      [{ name: 'x', logspath: 'pvc://missing/runs' }, '/body/logspath', /does not exist/],
      [{ name: 'x', logspath: 'pvc://logs/../etc' }, '/body/logspath', /may not leave/],
      [{ name: 'x', logspath: 'pvc://logs/%2e%2e/etc' }, '/body/logspath', /may not leave/],
      [{ name: 'x', logspath: 'ftp://host/logs' }, '/body/logspath', /scheme/],
      [{ name: 'x', logspath: '/just/a/path' }, '/body/logspath', /must be pvc/],
      [
        { name: 'x', logspath: 's3://b', configurations: ['no-such-label'] },
        '/body/configurations/0',
        /not the label/,
      ],
      [{ name: 'x', logspath: 's3://b', configurations: [{ a: 1 }] }, '/body/configurations/0', /string/],
      [{ name: 'x' }, '/body/logspath', /required/],
      [{ name: 'x', logspath: 's3://b', colour: 'red' }, '/body/colour', /not a known field/],
      [{ name: 'x', logspath: 's3://b', namespace: 'elsewhere' }, '/body/namespace', /differs/],
    ];
    const kube = await adminKube();
    const before = (await kube.list(resources.tensorboards, { namespace: ns })).items.length;
    for (const [payload, field, message] of cases) {
      const res = await app.inject({ method: 'POST', url: url(), headers: browserCall(alice), payload });
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      const body = res.json();
      assert.equal(body.success, false);
      const detail = body.details.find((d: { field: string }) => d.field === field);
      assert.ok(detail, `${JSON.stringify(payload)}: ${JSON.stringify(body.details)}`);
      assert.match(detail.message, message);
    }
    assert.equal((await kube.list(resources.tensorboards, { namespace: ns })).items.length, before);
    const duplicate = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(alice),
      payload: { name: 'tb-s3', logspath: 's3://b' },
    });
    assert.equal(duplicate.statusCode, 409);
  });

  it("refuses callers without permission on every route, with upstream's message", async () => {
    const list = await app.inject({ url: url(), headers: asUser(mallory) });
    assert.equal(list.statusCode, 403);
    assert.equal(
      list.json().log,
      `User '${mallory.name}' is not authorized to list tensorboard.kubeflow.org/v1alpha1/tensorboards in namespace '${ns}'`,
    );
    assert.equal((await app.inject({ url: `${url()}/tb-s3`, headers: asUser(mallory) })).statusCode, 403);
    assert.equal(
      (await app.inject({ url: `/api/namespaces/${ns}/pvcs`, headers: asUser(mallory) })).statusCode,
      403,
    );
    assert.equal(
      (await app.inject({ url: `/api/namespaces/${ns}/poddefaults`, headers: asUser(mallory) })).statusCode,
      403,
    );
    const viewerCreate = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(bob),
      payload: { name: 'nope', logspath: 's3://b' },
    });
    assert.equal(viewerCreate.statusCode, 403);
    const viewerDelete = await app.inject({
      method: 'DELETE',
      url: `${url()}/tb-s3`,
      headers: browserCall(bob),
    });
    assert.equal(viewerDelete.statusCode, 403);
    assert.equal((await app.inject({ url: url() })).statusCode, 401);
  });

  it('lists PVC names only', async () => {
    const res = await app.inject({ url: `/api/namespaces/${ns}/pvcs`, headers: asUser(bob) });
    assert.deepEqual(res.json(), { success: true, status: 200, user: bob.name, pvcs: ['logs'] });
  });

  it('deletes in the foreground', async () => {
    const res = await app.inject({ method: 'DELETE', url: `${url()}/tb-s3`, headers: browserCall(alice) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().message, 'TensorBoard tb-s3 successfully deleted.');
    const kube = await adminKube();
    await eventually(
      async () => {
        try {
          await kube.get(resources.tensorboards, ns, 'tb-s3');
          return undefined;
        } catch {
          return true;
        }
      },
      20_000,
      'Tensorboard gone',
    );
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `${url()}/tb-s3`, headers: browserCall(alice) })).statusCode,
      404,
    );
  });
});
