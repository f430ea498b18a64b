/** The routes every web app serves, as jupyter-api serves them (namespaces mean: where notebooks can be listed). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { adminKube, asUser, createNamespace, eventually } from '@kf-ts/shared/testing';
import { alice, bob, buildTestApp, json, mallory, teamNamespace } from './helpers.ts';

describe('GET /api/namespaces and /api/storageclasses on jupyter-api', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let team: string;
  let other: string;
  before(async () => {
    app = await buildTestApp();
    team = await teamNamespace('jup-common');
    other = await createNamespace('jup-common-other');
    await eventually(() =>
      app.caches
        .all()
        .find((cache) => cache.resource.plural === 'namespaces')
        ?.get(undefined, other)
        ? true
        : undefined,
    );
  });
  after(() => app.close());

  it('lists the namespaces where the caller may list notebooks (through a group too)', async () => {
    for (const user of [alice, bob]) {
      const body = json(await app.inject({ url: '/api/namespaces', headers: asUser(user) }));
      assert.deepEqual(Object.keys(body).sort(), ['namespaces', 'status', 'success', 'user']);
      assert.equal(body.user, user.name);
      assert.ok(body.namespaces.includes(team), user.name);
      assert.ok(!body.namespaces.includes(other), user.name);
    }
    const stranger = json(await app.inject({ url: '/api/namespaces', headers: asUser(mallory) }));
    assert.ok(!stranger.namespaces.includes(team));
    assert.equal((await app.inject({ url: '/api/namespaces' })).statusCode, 401);
  });

  it('lists storage classes and the default one', async () => {
    const name = `jup-class-${process.pid}`;
    const kube = await adminKube();
    await kube.create(resources.storageClasses, undefined, {
      metadata: { name },
      provisioner: 'example.com/none',
    } as never);
    try {
      const body = await eventually(async () => {
        const answer = json(await app.inject({ url: '/api/storageclasses', headers: asUser(mallory) }));
        return answer.storageClasses.includes(name) ? answer : undefined;
      });
      assert.deepEqual(Object.keys(body).sort(), ['status', 'storageClasses', 'success', 'user']);
      const fallback = json(
        await app.inject({ url: '/api/storageclasses/default', headers: asUser(mallory) }),
      );
      assert.equal(typeof fallback.defaultStorageClass, 'string');
      assert.notEqual(fallback.defaultStorageClass, name);
      for (const url of ['/api/storageclasses', '/api/storageclasses/default']) {
        const res = await app.inject({ url });
        assert.equal(res.statusCode, 401, url);
        assert.equal(json(res).log, 'No user detected.');
      }
    } finally {
      await kube.delete(resources.storageClasses, undefined, name).catch(() => undefined);
    }
  });
});
