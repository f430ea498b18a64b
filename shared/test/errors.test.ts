import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  asUser,
  bindRole,
  browserCall,
  createNamespace,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

describe('one error model', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  const erin = testUser('erin');

  before(async () => {
    app = await buildFixtureApp();
    namespace = await createNamespace('errors');
    await waitForAggregatedRole('kubeflow-edit');
    await bindRole(namespace, { kind: 'User', name: erin.name }, 'kubeflow-admin');
  });
  after(() => app.close());

  it('answers unknown /api paths with a JSON 404 in the envelope', async () => {
    const res = await app.inject({ url: '/api/nothing/here', headers: asUser(erin) });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const body = res.json();
    assert.equal(body.success, false);
    assert.equal(body.status, 404);
    assert.equal(body.code, 'NOT_FOUND');
    assert.equal(body.log, 'No route GET /api/nothing/here.');
    assert.equal(body.requestId, res.headers['x-request-id']);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await app.inject({ url: '/api/nothing', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(kept.headers['x-request-id'], 'abc-123');
    assert.equal(kept.json().requestId, 'abc-123');
    const replaced = await app.inject({
      url: '/api/nothing',
      headers: { 'x-request-id': 'bad id\u0007<script>' },
    });
    assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('reports schema violations as 400 with field-level details', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: browserCall(erin),
      payload: { name: '', size: 'big', colour: 'red' },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.code, 'VALIDATION_FAILED');
    const fields = body.details.map((detail: { field: string }) => detail.field).sort();
    assert.deepEqual(fields, ['/body/colour', '/body/name', '/body/size']);
    assert.match(body.log, /^Invalid request: /);
  });

  it('accepts application/json; charset=utf-8', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { ...browserCall(erin), 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ name: 'x' }),
    });
    assert.equal(res.statusCode, 200);
  });

  it('refuses malformed JSON and other content types with clear 4xx', async () => {
    const broken = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { ...browserCall(erin), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().log, 'The request body is not valid JSON.');
    const text = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { ...browserCall(erin), 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers oversized and malformed path parameters in the envelope', async () => {
    const long = await app.inject({ url: `/api/namespaces/${'a'.repeat(2000)}/pods`, headers: asUser(erin) });
    assert.ok(long.statusCode >= 400 && long.statusCode < 500, String(long.statusCode));
    assert.equal(long.json().success, false);
    assert.equal(typeof long.json().requestId, 'string');
    const malformed = await app.inject({ url: '/api/namespaces/%E0%A4%A/pods', headers: asUser(erin) });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().success, false);
    assert.equal(malformed.json().status, 400);
  });

  it('never leaks internals in a 500', async () => {
    const res = await app.inject({ url: '/api/boom', headers: asUser(erin) });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /hunter2|secret internal/);
    assert.equal(res.json().code, 'INTERNAL');
  });

  it('serves health, metrics and docs without identity', async () => {
    assert.equal((await app.inject({ url: '/healthz/liveness' })).statusCode, 200);
    const ready = await app.inject({ url: '/healthz/readiness' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().checks.apiServer, true);
    assert.equal(ready.json().checks.caches.namespaces.synced, true);
    const metrics = await app.inject({ url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /http_request_duration_seconds_bucket/);
    assert.match(metrics.body, /kube_request_duration_seconds/);
    assert.match(metrics.body, /watch_cache_synced\{resource="namespaces"/);
    const docs = await app.inject({ url: '/api/openapi.json' });
    assert.equal(docs.json().openapi, '3.0.3');
    assert.equal((await app.inject({ url: '/api/docs/' })).statusCode, 200);
  });
});

describe('settings that switch things off', () => {
  it('METRICS=false really removes /metrics', async () => {
    const app = await buildFixtureApp({ METRICS: 'false' });
    try {
      assert.equal((await app.inject({ url: '/metrics' })).statusCode, 404);
    } finally {
      await app.close();
    }
  });

  it('APP_DISABLE_AUTH=true skips identity and authorization (and is logged loudly)', async () => {
    const app = await buildFixtureApp({ APP_DISABLE_AUTH: 'true' });
    try {
      const res = await app.inject({ url: '/api/namespaces/kube-system/pods' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().user, 'anonymous');
    } finally {
      await app.close();
    }
  });
});
