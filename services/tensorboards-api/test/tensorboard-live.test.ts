import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { asUser, followEvents, until } from '@kf-ts/shared/testing';
import {
  type TestApp,
  adminTensorboard,
  bob,
  buildTestApp,
  mallory,
  teamNamespace,
  tensorboardWarning,
} from './helpers.ts';

interface Summary {
  name: string;
  logspath: string;
  status: { phase: string; message: string };
}

describe('TensorBoard list as a live stream (?watch=true)', () => {
  let app: TestApp;
  let base: string;
  let ns: string;
  const stream = (user: { name: string; groups?: string[] }) =>
    followEvents(`${base}/api/namespaces/${ns}/tensorboards?watch=true`, asUser(user));

  before(async () => {
    app = await buildTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    ns = await teamNamespace('tb-live');
    await adminTensorboard(ns, 'first', 's3://bucket/first');
  });
  after(() => app.close());

  it('sends the list as a snapshot, then new TensorBoards as the list summarizes them', async () => {
    const live = stream(bob);
    const snapshot = await until(() => live.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    assert.deepEqual(
      (snapshot.data as Summary[]).map((summary) => [summary.name, summary.logspath]),
      [['first', 's3://bucket/first']],
    );
    await adminTensorboard(ns, 'second', 'pvc://runs/logs');
    const added = await until(
      () => live.events.find((e) => e.event === 'added' && (e.data as Summary).name === 'second'),
      5000,
      'added',
    );
    assert.equal((added.data as Summary).logspath, 'pvc://runs/logs');
    assert.equal(typeof (added.data as Summary).status.phase, 'string');
    live.close();
  });

  it('re-sends a summary when an event about the TensorBoard changes its status', async () => {
    const failing = await adminTensorboard(ns, 'failing', 's3://bucket/failing', {
      status: {
        readyReplicas: 0,
        conditions: [{ deploymentState: 'ReplicaFailure', lastProbeTime: '2026-11-22T11:01:00Z' }],
      },
    });
    const live = stream(bob);
    await until(() => live.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    await tensorboardWarning(failing, 'failing.quota', 'FailedCreate', 'exceeded quota: cpu');
    const modified = await until(
      () =>
        live.events.find(
          (e) =>
            e.event === 'modified' &&
            (e.data as Summary).name === 'failing' &&
            (e.data as Summary).status.message.includes('exceeded quota: cpu'),
        ),
      5000,
      'modified with the warning',
    );
    assert.equal((modified.data as Summary).status.phase, 'error');
    live.close();
  });

  it('refuses a stream to a caller who may not list TensorBoards', async () => {
    const live = stream(mallory);
    await until(() => (live.status ? true : undefined), 5000, 'answer');
    assert.equal(live.status, 403);
    live.close();
  });
});
