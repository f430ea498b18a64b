import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { resources } from '../src/kube/resources.ts';
import {
  adminKube,
  asUser,
  bindRole,
  createNamespace,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Opens an SSE stream over a real socket and collects its events. */
function follow(url: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  let ended = false;
  let status = 0;
  let contentType = '';
  const request = http.get(url, { headers }, (res) => {
    status = res.statusCode ?? 0;
    contentType = String(res.headers['content-type']);
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let boundary;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
      }
    });
    res.on('end', () => {
      ended = true;
    });
  });
  return {
    events,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    close: () => request.destroy(),
  };
}

async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms`);
}

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
