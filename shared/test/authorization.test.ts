import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asUser,
  bindRole,
  createNamespace,
  csrf,
  metricValue,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

describe('identity and authorization against the real API server', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  const alice = testUser('alice'); // group team-alpha
  const bob = testUser('bob');

  before(async () => {
    app = await buildFixtureApp({ USERID_PREFIX: 'accounts.example:' });
    namespace = await createNamespace('authz');
    await waitForAggregatedRole('kubeflow-view');
    await bindRole(namespace, { kind: 'Group', name: 'team-alpha' }, 'kubeflow-view');
    await waitForAggregatedRole('kubeflow-edit');
    await bindRole(namespace, { kind: 'Group', name: 'pod-makers' }, 'kubeflow-edit');
  });
  after(() => app.close());

  it('allows a user through a RoleBinding to one of their groups', async () => {
    const res = await app.inject({ url: `/api/namespaces/${namespace}/pods`, headers: asUser(alice) });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { success: true, status: 200, user: alice.name, count: 0 });
  });

  it("denies the same user without the group, with upstream's message", async () => {
    const res = await app.inject({
      url: `/api/namespaces/${namespace}/pods`,
      headers: asUser({ name: alice.name }),
    });
    assert.equal(res.statusCode, 403);
    const body = res.json();
    assert.equal(body.success, false);
    assert.equal(body.status, 403);
    assert.equal(body.code, 'FORBIDDEN');
    assert.equal(
      body.log,
      `User '${alice.name}' is not authorized to list v1/pods in namespace '${namespace}'`,
    );
    assert.equal(body.user, alice.name);
    assert.equal(typeof body.requestId, 'string');
  });

  it('strips USERID_PREFIX from the front only', async () => {
    const res = await app.inject({
      url: `/api/namespaces/${namespace}/pods`,
      headers: { 'kubeflow-userid': `accounts.example:${alice.name}`, 'kubeflow-groups': 'team-alpha' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user, alice.name);
  });

  it('answers 401 "No user detected." without identity', async () => {
    const res = await app.inject({ url: `/api/namespaces/${namespace}/pods` });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().log, 'No user detected.');
    assert.equal(res.json().code, 'UNAUTHENTICATED');
  });

  it('accepts a valid Bearer token (TokenReview) with its groups and rejects an invalid one', async () => {
    const good = await app.inject({
      url: `/api/namespaces/${namespace}/pods`,
      headers: { authorization: `Bearer ${alice.token}` },
    });
    assert.equal(good.statusCode, 200);
    assert.equal(good.json().user, alice.name);
    const bad = await app.inject({
      url: `/api/namespaces/${namespace}/pods`,
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().log, 'The Bearer token is not valid.');
    const stranger = await app.inject({
      url: `/api/namespaces/${namespace}/pods`,
      headers: { authorization: `Bearer ${bob.token}` },
    });
    assert.equal(stranger.statusCode, 403);
  });

  it('caches SAR decisions: a second identical request makes no second review', async () => {
    const headers = asUser(testUser('carol'));
    const metrics = async () => (await app.inject({ url: '/metrics' })).body;
    const before = metricValue(await metrics(), 'sar_checks_total', { outcome: 'miss' });
    const first = await app.inject({ url: `/api/namespaces/${namespace}/pods`, headers });
    const afterFirst = metricValue(await metrics(), 'sar_checks_total', { outcome: 'miss' });
    const second = await app.inject({ url: `/api/namespaces/${namespace}/pods`, headers });
    const afterSecond = await metrics();
    assert.equal(first.statusCode, 200);
    assert.equal(second.statusCode, 200);
    assert.equal(afterFirst - before, 1);
    assert.equal(metricValue(afterSecond, 'sar_checks_total', { outcome: 'miss' }), afterFirst);
    assert.ok(metricValue(afterSecond, 'sar_checks_total', { outcome: 'hit' }) >= 1);
  });

  it('shares one review among identical concurrent checks', async () => {
    const headers = asUser({ name: 'concurrent@example.com', groups: ['team-alpha'] });
    const metrics = async () => (await app.inject({ url: '/metrics' })).body;
    const before = metricValue(await metrics(), 'sar_checks_total', { outcome: 'miss' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ url: `/api/namespaces/${namespace}/pods`, headers })),
    );
    assert.ok(answers.every((res) => res.statusCode === 200));
    assert.equal(metricValue(await metrics(), 'sar_checks_total', { outcome: 'miss' }) - before, 1);
  });

  it("gives handlers a CASL ability holding exactly this request's Kubernetes decisions", async () => {
    // alice may list pods (group team-alpha, kubeflow-view) but not create them; no decision was
    // made about any other namespace
    const res = await app.inject({ url: `/api/namespaces/${namespace}/abilities`, headers: asUser(alice) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      success: true,
      status: 200,
      user: alice.name,
      listPods: true,
      createPods: false,
      elsewhere: false,
    });
    const editor = await app.inject({
      url: `/api/namespaces/${namespace}/abilities`,
      headers: asUser({ name: 'abilities-editor@example.com', groups: ['team-alpha', 'pod-makers'] }),
    });
    assert.equal(editor.json().createPods, true, editor.body);
  });

  it('checks POST permissions separately from GET', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { ...asUser(alice), ...csrf() },
      payload: { name: 'x' },
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().log, /not authorized to create v1\/pods/);
  });
});
