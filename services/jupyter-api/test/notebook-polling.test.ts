import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import { adminKube, asUser, eventually, followEvents, until } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  alice,
  buildTestApp,
  json,
  mallory,
  setNotebookStatus,
  teamNamespace,
} from './helpers.ts';

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

  it('filters a stream by phase and q: leaving the filter is a deleted, entering it an added', async () => {
    await adminNotebook(namespace, 'nb-filtered', template('jupyter:filtered'));
    await until(() => app.jupyter.notebooks.get(namespace, 'nb-filtered'), 5000, 'in cache');
    const stream = followEvents(`${base}${list()}?watch=true&phase=ready&q=FILTERED`, asUser(alice));
    const snapshot = await until(() => stream.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    assert.deepEqual(snapshot.data, [], 'not ready yet, so not in the filtered snapshot');
    const about = (event: string) => () =>
      stream.events.find((e) => e.event === event && (e.data as { name: string }).name === 'nb-filtered');
    await setNotebookStatus(namespace, 'nb-filtered', {
      readyReplicas: 1,
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    const added = await until(about('added'), 5000, 'added when it became ready');
    assert.equal((added.data as { status: { phase: string } }).status.phase, 'ready');
    await setNotebookStatus(namespace, 'nb-filtered', {
      readyReplicas: 0,
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    const deleted = await until(about('deleted'), 5000, 'deleted when it stopped being ready');
    assert.deepEqual(deleted.data, { name: 'nb-filtered', namespace });
    // Changes to notebooks outside the filter are not sent at all.
    await adminNotebook(namespace, 'nb-unfiltered', template('jupyter:other'));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      stream.events.map((e) => e.event),
      ['snapshot', 'added', 'deleted'],
    );
    stream.close();
  });

  it("re-sends a notebook's summary when its events or its pod change, not only the Notebook", async () => {
    // No requests of its own: the summary's cpu then comes from the pod.
    const notebook = await adminNotebook(namespace, 'nb-events', {
      containers: [{ name: 'c', image: 'jupyter:events' }],
    });
    await setNotebookStatus(namespace, 'nb-events', {
      readyReplicas: 0,
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    await until(
      () => (app.jupyter.notebooks.get(namespace, 'nb-events')?.status ? true : undefined),
      5000,
      'status in cache',
    );
    const stream = followEvents(`${base}${list()}?watch=true&q=nb-events`, asUser(alice));
    await until(() => stream.events.find((e) => e.event === 'snapshot'), 5000, 'snapshot');
    const admin = await adminKube();
    await admin.create(resources.events, namespace, {
      metadata: { name: 'nb-events.quota', namespace },
      involvedObject: { kind: 'Notebook', name: 'nb-events', namespace, uid: notebook.metadata?.uid },
      type: 'Warning',
      reason: 'FailedCreate',
      message: 'exceeded quota: compute-resources',
      lastTimestamp: new Date().toISOString(),
    } as KubeObject);
    const warned = await until(
      () =>
        stream.events.find(
          (e) =>
            e.event === 'modified' &&
            (e.data as { status: { message: string } }).status.message ===
              'exceeded quota: compute-resources',
        ),
      5000,
      'modified with the warning',
    );
    assert.equal((warned.data as { status: { phase: string } }).status.phase, 'warning');
    // A fresh namespace gets its default ServiceAccount a moment after it is created.
    await eventually(() =>
      admin.create(resources.pods, namespace, {
        metadata: { name: 'nb-events-0', namespace, labels: { 'notebook-name': 'nb-events' } },
        spec: {
          automountServiceAccountToken: false,
          containers: [{ name: 'c', image: 'jupyter:events', resources: { requests: { cpu: '250m' } } }],
        },
      } as KubeObject),
    );
    await until(
      () => stream.events.find((e) => e.event === 'modified' && (e.data as { cpu?: string }).cpu === '250m'),
      5000,
      'modified from the pod',
    );
    stream.close();
  });

  it('refuses sort, limit and offset with watch=true, and an unknown phase, with a 400 naming them', async () => {
    const paged = await app.inject({ url: `${list()}?watch=true&sort=name&limit=5`, headers: asUser(alice) });
    assert.equal(paged.statusCode, 400, paged.body);
    assert.equal(json(paged).code, 'VALIDATION_FAILED');
    assert.match(json(paged).log, /^sort, limit cannot be combined with watch=true/);
    assert.deepEqual(
      json(paged).details.map((detail: { field: string }) => detail.field),
      ['/query/sort', '/query/limit'],
    );
    const everywhere = await app.inject({
      url: '/api/notebooks?watch=true&offset=1',
      headers: asUser(alice),
    });
    assert.equal(everywhere.statusCode, 400, everywhere.body);
    const phase = await app.inject({ url: `${list()}?watch=true&phase=sleeping`, headers: asUser(alice) });
    assert.equal(phase.statusCode, 400, phase.body);
    assert.deepEqual(json(phase).details, [
      { field: '/query/phase', message: json(phase).details[0].message },
    ]);
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
