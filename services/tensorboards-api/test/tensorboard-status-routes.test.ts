import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { adminKube, asUser, browserCall } from '@kf-ts/shared/testing';
import {
  type TestApp,
  adminTensorboard,
  alice,
  bob,
  buildTestApp,
  cached,
  eventually,
  grantInNamespace,
  pvc,
  setTensorboardStatus,
  teamNamespace,
  tensorboardWarning,
  tensorboardsIn,
  uniqueCaller,
} from './helpers.ts';

interface Summary {
  name: string;
  status: { phase: string; message: string; state: string };
}

describe('tensorboards-api: status from what the controller and the cluster report', () => {
  let app: TestApp;
  let ns: string;
  const url = () => `/api/namespaces/${ns}/tensorboards`;
  const statusOf = async (name: string) => {
    const res = await app.inject({ url: url(), headers: asUser(bob) });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().tensorboards as Summary[]).find((summary) => summary.name === name)?.status;
  };

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('tb-status');
  });
  after(() => app.close());

  it('reads the controller history: ReplicaFailure is an error explained by the newest warning', async () => {
    const failed = await adminTensorboard(ns, 'failing', 's3://bucket/runs', {
      status: {
        readyReplicas: 0,
        conditions: [
          { deploymentState: 'Progressing', lastProbeTime: '2026-11-22T11:00:00Z' },
          { deploymentState: 'ReplicaFailure', lastProbeTime: '2026-11-22T11:01:00Z' },
        ],
      },
    });
    await tensorboardWarning(
      failed,
      'failing.1',
      'FailedCreate',
      'older trouble',
      new Date(Date.now() - 60_000),
    );
    await tensorboardWarning(failed, 'failing.2', 'FailedCreate', 'exceeded quota: cpu');
    const status = await eventually(async () => {
      const current = await statusOf('failing');
      return current?.phase === 'error' && current.message.includes('exceeded quota') ? current : undefined;
    });
    assert.deepEqual(status, {
      phase: 'error',
      message: 'FailedCreate: exceeded quota: cpu',
      state: 'FailedCreate',
    });
    // GET shows the same status and the events, newest first
    const one = await app.inject({ url: `${url()}/failing`, headers: asUser(bob) });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json().tensorboard.processed_status, status);
    assert.deepEqual(
      one.json().events.map((event: { metadata: { name: string } }) => event.metadata.name),
      ['failing.2', 'failing.1'],
    );
  });

  it('turns ready once the controller reports a ready replica, whatever the history says', async () => {
    await setTensorboardStatus(ns, 'failing', {
      readyReplicas: 1,
      conditions: [
        { deploymentState: 'ReplicaFailure', lastProbeTime: '2026-11-22T11:01:00Z' },
        { deploymentState: 'Available', lastProbeTime: '2026-11-22T11:02:00Z' },
      ],
    });
    const status = await eventually(async () => {
      const current = await statusOf('failing');
      return current?.phase === 'ready' ? current : undefined;
    });
    assert.deepEqual(status, { phase: 'ready', message: 'Running', state: '' });
  });

  it('shows a stalled rollout as a warning with its reason', async () => {
    await adminTensorboard(ns, 'stalled', 's3://bucket/runs', {
      status: {
        readyReplicas: 0,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "stalled-abc" has timed out progressing.',
          },
        ],
      },
    });
    const status = await eventually(async () => {
      const current = await statusOf('stalled');
      return current?.phase === 'warning' ? current : undefined;
    });
    assert.deepEqual(status, {
      phase: 'warning',
      message: 'ProgressDeadlineExceeded: ReplicaSet "stalled-abc" has timed out progressing.',
      state: 'ProgressDeadlineExceeded',
    });
  });

  it('reads terminating right after a delete that a finalizer holds up', async () => {
    await adminTensorboard(ns, 'held', 's3://bucket/runs', { finalizers: ['example.com/hold'] });
    await cached(app, 'tensorboards', ns, 'held');
    const res = await app.inject({ method: 'DELETE', url: `${url()}/held`, headers: browserCall(alice) });
    assert.equal(res.statusCode, 200, res.body);
    // read-your-writes: no wait for the watch
    assert.deepEqual(await statusOf('held'), {
      phase: 'terminating',
      message: 'Deleting this TensorBoard server.',
      state: '',
    });
    const [held] = (await tensorboardsIn(ns)).filter((tb) => tb.metadata?.name === 'held');
    assert.ok(held?.metadata?.deletionTimestamp, 'still in the cluster, being deleted');
    const kube = await adminKube();
    await kube.request(
      'PATCH',
      `/apis/tensorboard.kubeflow.org/v1alpha1/namespaces/${ns}/tensorboards/held`,
      {
        body: { metadata: { finalizers: null } },
        contentType: 'application/merge-patch+json',
      },
    );
    await eventually(async () => ((await statusOf('held')) === undefined ? true : undefined));
  });

  it('lists a TensorBoard without a logspath or a status with what is known', async () => {
    await adminTensorboard(ns, 'bare', undefined);
    const status = await eventually(() => statusOf('bare'));
    // young, no status yet: waiting (after 10 s without a status it reads as a controller warning)
    assert.equal(status.phase, 'waiting');
    const res = await app.inject({ url: url(), headers: asUser(bob) });
    const bare = res.json().tensorboards.find((summary: Summary) => summary.name === 'bare');
    assert.equal(bare.logspath, '');
  });
});

describe('tensorboards-api: authorization follows exactly the permissions granted', () => {
  let app: TestApp;
  let ns: string;
  const url = () => `/api/namespaces/${ns}/tensorboards`;

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('tb-authz');
    await pvc(ns, 'logs');
    await cached(app, 'persistentvolumeclaims', ns, 'logs');
  });
  after(() => app.close());

  it('a group allowed to list and create TensorBoards may do so, and no more', async () => {
    const caller = uniqueCaller('tb-creator');
    await grantInNamespace(ns, { kind: 'Group', name: caller.groups[0]! }, [
      { apiGroups: ['tensorboard.kubeflow.org'], resources: ['tensorboards'], verbs: ['list', 'create'] },
    ]);
    const list = await eventually(async () => {
      const res = await app.inject({ url: url(), headers: asUser(caller) });
      return res.statusCode === 200 ? res : undefined;
    });
    assert.equal(list.json().user, caller.name);
    const created = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(caller),
      payload: { name: 'by-group', logspath: 's3://bucket/x' },
    });
    assert.equal(created.statusCode, 200, created.body);
    // a pvc:// path also needs get on that PVC, which this group does not have
    const onPvc = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(caller),
      payload: { name: 'on-pvc', logspath: 'pvc://logs/runs' },
    });
    assert.equal(onPvc.statusCode, 403, onPvc.body);
    assert.equal(
      onPvc.json().log,
      `User '${caller.name}' is not authorized to get v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    const removed = await app.inject({
      method: 'DELETE',
      url: `${url()}/by-group`,
      headers: browserCall(caller),
    });
    assert.equal(removed.statusCode, 403);
    assert.deepEqual(
      (await tensorboardsIn(ns)).map((tb) => tb.metadata?.name),
      ['by-group'],
      'only the allowed create left anything behind',
    );
  });

  it('stores the logspath canonical: scheme in lower case, the rest as given', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(alice),
      payload: { name: 'canonical', logspath: '  PVC://logs/My%20Runs ' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const [stored] = (await tensorboardsIn(ns)).filter((tb) => tb.metadata?.name === 'canonical');
    assert.equal(stored?.apiVersion, 'tensorboard.kubeflow.org/v1alpha1');
    assert.equal(stored?.kind, 'Tensorboard');
    assert.deepEqual(stored?.spec, { logspath: 'pvc://logs/My%20Runs' });
  });

  it('finds a PVC created a moment ago that the watch has not delivered yet', async () => {
    // The PVC watch stops here, so the cache cannot learn of the new PVC: only asking can.
    app.caches
      .all()
      .find((cache) => cache.resource.plural === 'persistentvolumeclaims')!
      .stop();
    const kube = await adminKube();
    await kube.create(resources.persistentVolumeClaims, ns, {
      metadata: { name: 'fresh', namespace: ns },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    } as never);
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: browserCall(alice),
      payload: { name: 'on-fresh', logspath: 'pvc://fresh/runs' },
    });
    assert.equal(res.statusCode, 200, res.body);
  });
});
