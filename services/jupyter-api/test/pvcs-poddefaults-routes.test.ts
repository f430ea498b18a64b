import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { adminKube, asUser, eventually } from '@kf-ts/shared/testing';
import { alice, bob, buildTestApp, json, mallory, teamNamespace } from './helpers.ts';

describe('GET pvcs and poddefaults of a namespace', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('jup-pvcs');
    const kube = await adminKube();
    await kube.create(resources.persistentVolumeClaims, ns, {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteMany', 'ReadOnlyMany'], resources: { requests: { storage: '10Gi' } } },
    });
    await kube.create(resources.persistentVolumeClaims, ns, {
      metadata: { name: 'alpha' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    await kube.create(resources.podDefaults, ns, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'pipelines' },
      spec: { desc: 'Access pipelines', selector: { matchLabels: { 'access-ml-pipeline': 'true' } } },
    });
    await kube.create(resources.podDefaults, ns, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'odd' },
      spec: {},
    });
  });
  after(() => app.close());

  it('lists PVCs as {name, size, mode}', async () => {
    const body = await eventually(async () => {
      const res = await app.inject({ url: `/api/namespaces/${ns}/pvcs`, headers: asUser(bob) });
      return json(res).pvcs?.length === 2 ? json(res) : undefined;
    });
    assert.deepEqual(body, {
      success: true,
      status: 200,
      user: bob.name,
      pvcs: [
        { name: 'alpha', size: '1Gi', mode: 'ReadWriteOnce' },
        { name: 'data', size: '10Gi', mode: 'ReadWriteMany' },
      ],
    });
  });

  it('lists PodDefaults with label and desc, an odd one included', async () => {
    const body = await eventually(async () => {
      const res = await app.inject({ url: `/api/namespaces/${ns}/poddefaults`, headers: asUser(alice) });
      return json(res).poddefaults?.length === 2 ? json(res) : undefined;
    });
    assert.deepEqual(
      body.poddefaults.map((p: { label: string; desc: string; metadata: { name: string } }) => [
        p.metadata.name,
        p.label,
        p.desc,
      ]),
      [
        ['odd', '', 'odd'],
        ['pipelines', 'access-ml-pipeline', 'Access pipelines'],
      ],
    );
  });

  it('refuses a caller without permission with the upstream message', async () => {
    const pvcs = await app.inject({ url: `/api/namespaces/${ns}/pvcs`, headers: asUser(mallory) });
    assert.equal(pvcs.statusCode, 403);
    assert.equal(
      json(pvcs).log,
      `User '${mallory.name}' is not authorized to list v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    const podDefaults = await app.inject({
      url: `/api/namespaces/${ns}/poddefaults`,
      headers: asUser(mallory),
    });
    assert.equal(podDefaults.statusCode, 403);
  });

  it('refuses a bad namespace name', async () => {
    const res = await app.inject({ url: '/api/namespaces/Bad_NS/pvcs', headers: asUser(alice) });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).details[0].field, '/params/namespace');
  });
});
