import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { asUser, eventually, followEvents, until } from '@kf-ts/shared/testing';
import { adminNotebook, alice, buildTestApp, mallory, teamNamespace } from './helpers.ts';

const template = (image: string) => ({
  containers: [{ name: 'c', image, resources: { requests: { cpu: '500m', memory: '1Gi' } } }],
});

describe('notebook lists for polling and live updates', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let namespace: string;
  let base: string;
  const list = () => `/api/namespaces/${namespace}/notebooks`;

  before(async () => {
    app = await buildTestApp({ LIVE_RECHECK_SECONDS: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    namespace = await teamNamespace('jnb-poll');
    for (const name of ['nb-a', 'nb-b']) await adminNotebook(namespace, name, template('jupyter:1'));
    await until(
      () => (app.jupyter.notebooks.list(namespace).length === 2 ? true : undefined),
      10_000,
      'cache',
    );
  });
  after(() => app.close());

  it('answers 304 for an unchanged list and 200 with a new ETag after a change', async () => {
    const first = await app.inject({ url: list(), headers: asUser(alice) });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().notebooks.length, 2);
    const etag = String(first.headers.etag);
    const again = await app.inject({ url: list(), headers: { ...asUser(alice), 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    // Different filters are a different answer.
    const filtered = await app.inject({
      url: `${list()}?q=nb-a`,
      headers: { ...asUser(alice), 'if-none-match': etag },
    });
    assert.equal(filtered.statusCode, 200);
    assert.equal(filtered.json().notebooks.length, 1);
    await adminNotebook(namespace, 'nb-c', template('jupyter:2'));
    const changed = await eventually(
      async () => {
        const res = await app.inject({ url: list(), headers: { ...asUser(alice), 'if-none-match': etag } });
        return res.statusCode === 200 ? res : undefined;
      },
      10_000,
      'a new version',
    );
    assert.equal(changed.json().notebooks.length, 3);
  });

  it('checks access before a 304 and compresses for clients that accept it', async () => {
    const first = await app.inject({ url: list(), headers: asUser(alice) });
    const stranger = await app.inject({
      url: list(),
      headers: { ...asUser(mallory), 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(stranger.statusCode, 403);
    const gz = await app.inject({ url: list(), headers: { ...asUser(alice), 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), first.json());
  });

  it('follows the list with ?watch=true: snapshot, then changes as summaries', async () => {
    const stream = followEvents(`${base}${list()}?watch=true`, asUser(alice));
    const snapshot = await until(() => stream.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    const names = (snapshot.data as { name: string }[]).map((item) => item.name).sort();
    assert.ok(names.includes('nb-a') && names.includes('nb-b'));
    await adminNotebook(namespace, 'nb-live', template('jupyter:live'));
    const added = await until(
      () => stream.events.find((e) => e.event === 'added' && (e.data as { name: string }).name === 'nb-live'),
      5000,
      'added',
    );
    const summary = added.data as { image: string; shortImage: string; status: { phase: string } };
    assert.equal(summary.image, 'jupyter:live');
    assert.equal(typeof summary.status.phase, 'string');
    stream.close();
  });

  it('refuses a stream to a caller who may not list', async () => {
    const stream = followEvents(`${base}${list()}?watch=true`, asUser(mallory));
    await until(() => (stream.status ? true : undefined), 5000, 'answer');
    assert.equal(stream.status, 403);
    stream.close();
  });

  it('follows every visible namespace on /api/notebooks?watch=true', async () => {
    const stream = followEvents(`${base}/api/notebooks?watch=true`, asUser(alice));
    const snapshot = await until(() => stream.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    const namespaces = new Set((snapshot.data as { namespace: string }[]).map((item) => item.namespace));
    assert.ok(namespaces.has(namespace));
    stream.close();
  });
});
