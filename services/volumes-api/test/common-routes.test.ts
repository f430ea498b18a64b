import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, type KubeObject, resources } from '@kf-ts/shared';
import { adminKube, asUser, eventually } from '@kf-ts/shared/testing';
import { alice, buildTestApp, json, mallory, teamNamespace } from './helpers.ts';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** The routes every web app serves, as volumes-api serves them (the Volumes form needs them). */
describe('GET /api/namespaces, /api/storageclasses, /api/storageclasses/default', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: KubeClient;
  let ns: string;
  const storageClass = `vol-common-${randomBytes(3).toString('hex')}`;
  const get = (url: string, headers: Record<string, string> = asUser(alice)) =>
    app.inject({ method: 'GET', url, headers });

  before(async () => {
    admin = await adminKube();
    await admin.create(resources.storageClasses, undefined, {
      metadata: { name: storageClass },
      provisioner: 'example.com/none',
    } as KubeObject);
    app = await buildTestApp();
    ns = await teamNamespace('vol-common');
    await eventually(() =>
      app.caches.cache(resources.namespaces).get(undefined, ns) &&
      app.caches.cache(resources.storageClasses).get(undefined, storageClass)
        ? true
        : undefined,
    );
  });
  after(async () => {
    await app.close();
    await admin.delete(resources.storageClasses, undefined, storageClass).catch(() => {});
  });

  it('lists the namespaces where the caller may list PVCs', async () => {
    const res = await get('/api/namespaces');
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['namespaces', 'status', 'success', 'user']);
    assert.equal(body.user, alice.name);
    assert.ok(body.namespaces.includes(ns));
    assert.ok(!body.namespaces.includes('kube-system'));
    const stranger = json(await get('/api/namespaces', asUser(mallory)));
    assert.equal(stranger.success, true);
    assert.ok(!stranger.namespaces.includes(ns));
  });

  it('lists the storage classes and names the default one', async () => {
    const res = await get('/api/storageclasses');
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['status', 'storageClasses', 'success', 'user']);
    assert.ok(body.storageClasses.includes(storageClass));
    assert.deepEqual(body.storageClasses, [...body.storageClasses].sort());
    // Other test files may add default classes meanwhile: compare with the cluster until it settles.
    await eventually(async () => {
      const classes = (await admin.list(resources.storageClasses)).items ?? [];
      const expected =
        classes
          .filter((item) => item.metadata?.annotations?.[DEFAULT_CLASS] === 'true')
          .map((item) => item.metadata?.name ?? '')
          .sort()[0] ?? '';
      const answer = json(await get('/api/storageclasses/default'));
      assert.deepEqual(Object.keys(answer).sort(), ['defaultStorageClass', 'status', 'success', 'user']);
      return answer.defaultStorageClass === expected ? true : undefined;
    });
  });

  it('answers 401 to a caller without an identity', async () => {
    for (const url of ['/api/namespaces', '/api/storageclasses', '/api/storageclasses/default']) {
      const res = await get(url, {});
      assert.equal(res.statusCode, 401, `${url}: ${res.body}`);
      const body = json(res);
      assert.equal(body.success, false);
      assert.equal(body.log, 'No user detected.');
    }
  });
});
