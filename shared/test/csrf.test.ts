import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asUser, bindRole, createNamespace, testUser, waitForAggregatedRole } from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

describe('CSRF double submit', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  const dave = testUser('dave');
  const url = () => `/api/namespaces/${namespace}/pods`;

  before(async () => {
    app = await buildFixtureApp({ APP_PREFIX: '/jupyter', APP_SECURE_COOKIES: 'true', CSRF_SAMESITE: 'Lax' });
    namespace = await createNamespace('csrf');
    await waitForAggregatedRole('kubeflow-edit');
    await bindRole(namespace, { kind: 'User', name: dave.name }, 'kubeflow-admin');
  });
  after(() => app.close());

  it('issues XSRF-TOKEN on a safe request that lacks it, at the app prefix', async () => {
    const res = await app.inject({ url: url(), headers: asUser(dave) });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^XSRF-TOKEN=[\w-]{20,};/);
    assert.match(cookie, /Path=\/jupyter/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Secure/);
    assert.doesNotMatch(cookie, /HttpOnly/);
  });

  it('uses x-forwarded-prefix for the cookie path when the gateway sends it', async () => {
    const res = await app.inject({
      url: url(),
      headers: { ...asUser(dave), 'x-forwarded-prefix': '/volumes/' },
    });
    assert.match(String(res.headers['set-cookie']), /Path=\/volumes;/);
  });

  it('does not reissue the cookie when the request has one', async () => {
    const res = await app.inject({ url: url(), headers: { ...asUser(dave), cookie: 'XSRF-TOKEN=abc' } });
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('refuses a POST without the cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: asUser(dave),
      payload: { name: 'a' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().log, 'Could not find CSRF cookie XSRF-TOKEN in the request.');
    assert.equal(res.json().code, 'CSRF_FAILED');
  });

  it('refuses a POST without the header', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: { ...asUser(dave), cookie: 'XSRF-TOKEN=abc' },
      payload: { name: 'a' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().log, 'Could not detect CSRF protection header X-XSRF-TOKEN.');
  });

  it('refuses a mismatched token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: { ...asUser(dave), cookie: 'XSRF-TOKEN=abc', 'x-xsrf-token': 'abd' },
      payload: { name: 'a' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(
      res.json().log,
      "CSRF check failed. Token in cookie XSRF-TOKEN doesn't match token in header X-XSRF-TOKEN.",
    );
  });

  it('accepts matching tokens', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: { ...asUser(dave), cookie: 'XSRF-TOKEN=abc', 'x-xsrf-token': 'abc' },
      payload: { name: 'a' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().message, 'created a');
  });

  it('checks identity (401) before CSRF (403)', async () => {
    const res = await app.inject({ method: 'POST', url: url(), payload: { name: 'a' } });
    assert.equal(res.statusCode, 401);
  });

  it('exempts calls authenticated by a verified Bearer token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url(),
      headers: { authorization: `Bearer ${dave.token}` },
      payload: { name: 'a' },
    });
    assert.equal(res.statusCode, 200);
  });
});
