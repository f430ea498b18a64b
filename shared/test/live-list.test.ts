import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { resources } from '../src/kube/resources.ts';
import {
  adminKube,
  asUser,
  bindRole,
  createNamespace,
  followEvents as follow,
  until,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

describe('live lists (?watch=true, Server-Sent Events)', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let base: string;
  let namespace: string;
  let binding: string;
  const bob = testUser('bob');

  before(async () => {
    app = await buildFixtureApp({
      SAR_CACHE_ALLOW_TTL_SECONDS: '0',
      SAR_CACHE_DENY_TTL_SECONDS: '0',
      LIVE_RECHECK_SECONDS: '1',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    namespace = await createNamespace('live');
    await waitForAggregatedRole('kubeflow-view');
    binding = await bindRole(namespace, { kind: 'User', name: bob.name }, 'kubeflow-view');
  });
  after(() => app.close());

  it('sends a snapshot, then each change within a second, and ends when access is revoked', async () => {
    const kube = await adminKube();
    await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'existing', namespace },
      spec: { selector: { matchLabels: { existing: 'true' } } },
    });
    await until(
      () =>
        app.caches
          .all()
          .find((c) => c.resource.plural === 'poddefaults')
          ?.get(namespace, 'existing'),
      5000,
      'cache',
    );
    const stream = follow(`${base}/api/namespaces/${namespace}/poddefaults?watch=true`, asUser(bob));
    const snapshot = await until(() => stream.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    assert.equal(stream.status, 200);
    assert.match(stream.contentType, /text\/event-stream/);
    assert.deepEqual(
      (snapshot.data as { label: string }[]).map((item) => item.label),
      ['existing'],
    );

    const createdAt = Date.now();
    await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'new-one', namespace },
      spec: { desc: 'fresh', selector: { matchLabels: { 'new-one': 'true' } } },
    });
    const added = await until(() => stream.events.find((e) => e.event === 'added'), 5000, 'added event');
    assert.equal((added.data as { desc: string }).desc, 'fresh');
    assert.ok(added.at - createdAt < 1000, `change arrived after ${added.at - createdAt} ms`);

    await kube.delete(resources.podDefaults, namespace, 'new-one');
    const deleted = await until(
      () => stream.events.find((e) => e.event === 'deleted'),
      5000,
      'deleted event',
    );
    assert.deepEqual(deleted.data, { name: 'new-one', namespace });

    await kube.delete(resources.roleBindings, namespace, binding);
    const error = await until(() => stream.events.find((e) => e.event === 'error'), 8000, 'revocation');
    assert.equal((error.data as { status: number }).status, 403);
    await until(() => (stream.ended ? true : undefined), 3000, 'end of stream');
  });

  it('authorizes the stream like the list', async () => {
    const stream = follow(
      `${base}/api/namespaces/${namespace}/poddefaults?watch=true`,
      asUser(testUser('mallory')),
    );
    await until(() => (stream.status ? true : undefined), 5000, 'answer');
    assert.equal(stream.status, 403);
    stream.close();
  });
});
