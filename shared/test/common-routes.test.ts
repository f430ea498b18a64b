import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../src/kube/resources.ts';
import {
  adminKube,
  asUser,
  testCluster,
  bindRole,
  createNamespace,
  eventually,
  testUser,
  waitForAggregatedRole,
} from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

describe('routes every web app serves', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let mine: string;
  let other: string;
  const carol = testUser('carol'); // groups team-alpha, data-scientists

  before(async () => {
    app = await buildFixtureApp();
    mine = await createNamespace('common-mine');
    other = await createNamespace('common-other');
    await waitForAggregatedRole('kubeflow-view');
    await bindRole(mine, { kind: 'Group', name: 'data-scientists' }, 'kubeflow-view');
    const kube = await adminKube();
    await kube
      .create(resources.storageClasses, undefined, {
        metadata: { name: 'zz-fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'example.com/fast',
      } as never)
      .catch(() => undefined);
    await eventually(() =>
      app.caches
        .all()
        .find((c) => c.resource.plural === 'namespaces')
        ?.get(undefined, other)
        ? true
        : undefined,
    );
  });
  after(() => app.close());

  it('lists only namespaces where the caller may list the service resource', async () => {
    const res = await app.inject({ url: '/api/namespaces', headers: asUser(carol) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.success, true);
    assert.equal(body.user, carol.name);
    assert.ok(body.namespaces.includes(mine));
    assert.ok(!body.namespaces.includes(other));
    assert.ok(!body.namespaces.includes('kube-system'));
  });

  it('lists every namespace for a caller allowed to list namespaces cluster-wide', async () => {
    const res = await app.inject({
      url: '/api/namespaces',
      headers: { authorization: `Bearer ${testCluster().adminToken}` },
    });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().namespaces.includes(other));
    assert.ok(res.json().namespaces.includes('kube-system'));
  });

  it('requires an identity', async () => {
    assert.equal((await app.inject({ url: '/api/namespaces' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/storageclasses' })).statusCode, 401);
  });

  it('lists storage classes and the default one', async () => {
    await eventually(async () => {
      const res = await app.inject({ url: '/api/storageclasses', headers: asUser(carol) });
      return res.json().storageClasses.includes('zz-fast') ? true : undefined;
    });
    const res = await app.inject({ url: '/api/storageclasses/default', headers: asUser(carol) });
    assert.deepEqual(res.json(), {
      success: true,
      status: 200,
      user: carol.name,
      defaultStorageClass: 'zz-fast',
    });
  });
});
