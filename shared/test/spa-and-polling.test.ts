import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { resources } from '../src/kube/resources.ts';
import { rewriteBaseHref } from '../src/webapp/spa-plugin.ts';
import {
  adminKube,
  asUser,
  bindRole,
  createNamespace,
  eventually,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

const SPA_DIR = fileURLToPath(new URL('./fixtures/spa', import.meta.url));

describe('serving a built SPA', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  before(async () => {
    app = await buildFixtureApp({ SPA_DIR, APP_PREFIX: '/jupyter' });
  });
  after(() => app.close());

  it('serves index.html at / with <base href> set to the prefix, no-store, and the CSRF cookie', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<base href="\/jupyter\/">/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['set-cookie']), /XSRF-TOKEN=.+; Path=\/jupyter/);
  });

  it('serves index.html for deep links on a fresh page load', async () => {
    const res = await app.inject({ url: '/notebook/details/kubeflow-user/my-notebook' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Fixture SPA/);
  });

  it('follows the gateway prefix (x-forwarded-prefix)', async () => {
    const res = await app.inject({
      url: '/volume/details/ns/v',
      headers: { 'x-forwarded-prefix': '/volumes' },
    });
    assert.match(res.body, /<base href="\/volumes\/">/);
  });

  it('serves every file of the build, hashed bundles with long-lived caching', async () => {
    const bundle = await app.inject({ url: '/main.0123456789abcdef.js' });
    assert.equal(bundle.statusCode, 200);
    assert.equal(bundle.headers['cache-control'], 'public, max-age=31536000, immutable');
    const font = await app.inject({ url: '/MaterialIcons-Regular.woff2' });
    assert.equal(font.statusCode, 200);
    assert.equal(font.body, 'wOF2-font-bytes');
    assert.equal(font.headers['cache-control'], 'no-cache');
    assert.equal((await app.inject({ url: '/static/styles.css' })).body.trim(), 'body{}');
  });

  it('keeps unknown API paths a JSON 404 and makes traversal impossible', async () => {
    const api = await app.inject({ url: '/api/not-a-route' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().code, 'NOT_FOUND');
    for (const url of [
      '/../../../etc/passwd',
      '/static/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await app.inject({ url });
      assert.doesNotMatch(res.body, /root:/, url);
    }
  });

  it('rewrites or inserts <base href>', () => {
    assert.equal(
      rewriteBaseHref('<head><base href="/"></head>', '/tensorboards'),
      '<head><base href="/tensorboards/"></head>',
    );
    assert.equal(rewriteBaseHref('<head></head>', '/x/'), '<head><base href="/x/"></head>');
  });
});

describe('without an SPA directory', () => {
  it('points / to the API docs', async () => {
    const app = await buildFixtureApp();
    try {
      const res = await app.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().docs, 'api/docs/');
      assert.equal((await app.inject({ url: '/some/deep/link' })).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});

describe('cheap polling: ETag, 304 and compression', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  const alice = testUser('alice');
  const url = () => `/api/namespaces/${namespace}/poddefaults`;

  before(async () => {
    app = await buildFixtureApp();
    namespace = await createNamespace('polling');
    await waitForAggregatedRole('kubeflow-view');
    await bindRole(namespace, { kind: 'User', name: alice.name }, 'kubeflow-view');
    const kube = await adminKube();
    for (let i = 0; i < 30; i++) {
      await kube.create(resources.podDefaults, namespace, {
        apiVersion: 'kubeflow.org/v1alpha1',
        kind: 'PodDefault',
        metadata: { name: `pd-${i}`, namespace },
        spec: {
          desc: `PodDefault number ${i} with a description long enough to compress`,
          selector: { matchLabels: { [`pd-${i}`]: 'true' } },
        },
      });
    }
    await eventually(async () =>
      (await app.inject({ url: url(), headers: asUser(alice) })).json().poddefaults?.length === 30
        ? true
        : undefined,
    );
  });
  after(() => app.close());

  it('answers 304 when nothing changed, and 200 with a new ETag when something did', async () => {
    const first = await app.inject({ url: url(), headers: asUser(alice) });
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/".+"$/);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const again = await app.inject({ url: url(), headers: { ...asUser(alice), 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const kube = await adminKube();
    await kube.patch(resources.podDefaults, namespace, 'pd-0', { spec: { desc: 'changed' } }, 'merge');
    const changed = await eventually(async () => {
      const res = await app.inject({ url: url(), headers: { ...asUser(alice), 'if-none-match': etag } });
      return res.statusCode === 200 ? res : undefined;
    });
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(changed.json().poddefaults[0].desc, 'changed');
  });

  it('still checks authorization before answering 304', async () => {
    const first = await app.inject({ url: url(), headers: asUser(alice) });
    const stranger = await app.inject({
      url: url(),
      headers: { ...asUser(testUser('mallory')), 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(stranger.statusCode, 403);
  });

  it('compresses when the client accepts it', async () => {
    const plain = await app.inject({ url: url(), headers: asUser(alice) });
    const gz = await app.inject({ url: url(), headers: { ...asUser(alice), 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 2);
    assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), plain.json());
    const br = await app.inject({
      url: url(),
      headers: { ...asUser(alice), 'accept-encoding': 'br;q=1, gzip;q=0.5' },
    });
    assert.equal(br.headers['content-encoding'], 'br');
  });
});
