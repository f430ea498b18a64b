import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { asUser, followEvents, until } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  adminPvc,
  bob,
  buildTestApp,
  dave,
  grant,
  mallory,
  teamNamespace,
} from './helpers.ts';

describe('PVC list as a live stream (?watch=true)', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let base: string;
  let ns: string;

  before(async () => {
    app = await buildTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    ns = await teamNamespace('vol-live');
    await adminPvc(ns, 'first');
  });
  after(() => app.close());

  it('sends the list as a snapshot, then new volumes as the list summarizes them', async () => {
    const stream = followEvents(`${base}/api/namespaces/${ns}/pvcs?watch=true`, asUser(bob));
    const snapshot = await until(
      () => stream.events.find((event) => event.event === 'snapshot'),
      5000,
      'snapshot',
    );
    assert.deepEqual(
      (snapshot.data as { name: string }[]).map((pvc) => pvc.name),
      ['first'],
    );
    await adminNotebook(ns, 'nb', ['second']);
    await adminPvc(ns, 'second');
    const added = await until(
      () =>
        stream.events.find(
          (event) => event.event === 'added' && (event.data as { name: string }).name === 'second',
        ),
      5000,
      'added',
    );
    const summary = added.data as { capacity: string; notebooks: string[]; viewer: { status: string } };
    assert.equal(summary.capacity, '1Gi');
    assert.deepEqual(summary.notebooks, ['nb']);
    stream.close();
  });

  it("re-sends a volume's summary when a notebook starts using it (not only when the PVC changes)", async () => {
    const stream = followEvents(`${base}/api/namespaces/${ns}/pvcs?watch=true`, asUser(bob));
    await until(() => stream.events.find((event) => event.event === 'snapshot'), 5000, 'snapshot');
    await adminNotebook(ns, 'nb-first', ['first']);
    const modified = await until(
      () =>
        stream.events.find(
          (event) =>
            event.event === 'modified' &&
            (event.data as { name: string; notebooks: string[] }).notebooks.includes('nb-first'),
        ),
      5000,
      'modified with its new user',
    );
    assert.equal((modified.data as { name: string }).name, 'first');
    stream.close();
  });

  it('ends when the caller loses any permission the list needs, not only list pvcs', async () => {
    await grant(ns, dave.name, [
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list'] },
      { apiGroups: ['kubeflow.org'], resources: ['notebooks', 'pvcviewers'], verbs: ['list'] },
    ]);
    const events = await grant(ns, dave.name, [{ apiGroups: [''], resources: ['events'], verbs: ['list'] }]);
    const quick = await buildTestApp({
      LIVE_RECHECK_SECONDS: '1',
      SAR_CACHE_ALLOW_TTL_SECONDS: '1',
      SAR_CACHE_DENY_TTL_SECONDS: '1',
    });
    try {
      await quick.listen({ port: 0, host: '127.0.0.1' });
      const port = (quick.server.address() as AddressInfo).port;
      const stream = followEvents(
        `http://127.0.0.1:${port}/api/namespaces/${ns}/pvcs?watch=true`,
        asUser(dave),
      );
      await until(() => stream.events.find((event) => event.event === 'snapshot'), 5000, 'snapshot');
      await events.revoke();
      const error = await until(
        () => stream.events.find((event) => event.event === 'error'),
        10_000,
        'error event',
      );
      assert.equal((error.data as { status: number }).status, 403);
      await until(() => (stream.ended ? true : undefined), 5000, 'stream ended');
      stream.close();
    } finally {
      await quick.close();
    }
  });

  it('is refused to a caller who may not list volumes', async () => {
    const stream = followEvents(`${base}/api/namespaces/${ns}/pvcs?watch=true`, asUser(mallory));
    await until(() => (stream.status ? true : undefined), 5000, 'answer');
    assert.equal(stream.status, 403);
    stream.close();
  });
});
