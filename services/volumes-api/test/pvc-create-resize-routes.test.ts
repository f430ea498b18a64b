import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, type KubeObject, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually } from '@kf-ts/shared/testing';
import { adminPvc, alice, bob, buildTestApp, json, mallory, teamNamespace } from './helpers.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('POST /api/namespaces/{ns}/pvcs and PATCH /api/namespaces/{ns}/pvcs/{pvc}', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  const suffix = randomBytes(3).toString('hex');
  const expandable = `vol-expand-${suffix}`;
  const fixed = `vol-fixed-${suffix}`;
  const pvName = `vol-pv-${suffix}`;

  const create = (payload: unknown, user = alice) =>
    app.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/pvcs`,
      headers: browserCall(user),
      payload: payload as object,
    });
  const resize = (name: string, payload: unknown, user = alice) =>
    app.inject({
      method: 'PATCH',
      url: `/api/namespaces/${ns}/pvcs/${name}`,
      headers: browserCall(user),
      payload: payload as object,
    });
  const pvcNames = async () =>
    ((await admin.list(resources.persistentVolumeClaims, { namespace: ns })).items ?? [])
      .map((pvc) => pvc.metadata?.name)
      .sort();
  const form = { name: 'fresh', mode: 'ReadWriteOnce', class: '{none}', size: '10Gi', type: 'empty' };

  before(async () => {
    admin = await adminKube();
    for (const [name, allowVolumeExpansion] of [
      [expandable, true],
      [fixed, false],
    ] as const) {
      await admin.create(resources.storageClasses, undefined, {
        metadata: { name },
        provisioner: 'example.com/none',
        allowVolumeExpansion,
      } as KubeObject);
    }
    app = await buildTestApp();
    ns = await teamNamespace('vol-write');
    await eventually(() =>
      app.caches.cache(resources.storageClasses).get(undefined, fixed) ? true : undefined,
    );
  });
  after(async () => {
    await app.close();
    for (const name of [expandable, fixed])
      await admin.delete(resources.storageClasses, undefined, name).catch(() => {});
    await admin.delete(resources.persistentVolumes, undefined, pvName).catch(() => {});
  });

  it('creates a PVC without a class ({none}) and answers with the envelope', async () => {
    const res = await create(form);
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['message', 'pvc', 'status', 'success', 'user']);
    assert.equal(body.success, true);
    assert.equal(body.status, 200);
    assert.equal(body.user, alice.name);
    assert.equal(body.message, 'PVC created successfully.');
    const pvc = await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'fresh');
    assert.equal(pvc.spec.storageClassName, '');
    assert.deepEqual(pvc.spec.accessModes, ['ReadWriteOnce']);
    assert.equal(pvc.spec.resources.requests.storage, '10Gi');
    // Read-your-writes: the list shows it at once.
    const list = await app.inject({
      method: 'GET',
      url: `/api/namespaces/${ns}/pvcs`,
      headers: browserCall(alice),
    });
    assert.ok(json(list).pvcs.some((p: Obj) => p.name === 'fresh'));
  });

  it('creates with an existing class and labels, and with the default class ({empty})', async () => {
    const res = await create({
      ...form,
      name: 'classy',
      class: fixed,
      mode: 'ReadWriteMany',
      labels: { team: 'alpha' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const pvc = await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'classy');
    assert.equal(pvc.spec.storageClassName, fixed);
    assert.deepEqual(pvc.spec.accessModes, ['ReadWriteMany']);
    assert.deepEqual(pvc.metadata.labels, { team: 'alpha' });
    const byDefault = await create({ ...form, name: 'by-default', class: '{empty}' });
    assert.equal(byDefault.statusCode, 200, byDefault.body);
    const defaulted = await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'by-default');
    // storageClassName left out: the API server fills in the default class if the cluster has one.
    assert.notEqual(defaulted.spec.storageClassName, '');
    assert.notEqual(defaulted.spec.storageClassName, fixed);
  });

  it('refuses bad input with field details and creates nothing', async () => {
    const before = await pvcNames();
    const cases: [unknown, string][] = [
      [{ ...form, name: 'Not_A_Name' }, '/body/name'],
      [{ ...form, size: '-5Gi' }, '/body/size'],
      [{ ...form, size: '0' }, '/body/size'],
      [{ ...form, size: 'ten gigs' }, '/body/size'],
      [{ ...form, mode: 'ReadWriteSometimes' }, '/body/mode'],
      [{ ...form, class: 'no-such-class' }, '/body/class'],
      [{ ...form, labels: { 'bad key!': 'x' } }, '/body/labels/bad key!'],
      [{ ...form, type: 'clone' }, '/body/type'],
      [{ ...form, snapshot: 'snap-1' }, '/body/snapshot'],
      [{ ...form, namespace: 'elsewhere' }, '/body/namespace'],
      [{ ...form, surprise: true }, '/body/surprise'],
      [{ name: 'no-size', mode: 'ReadWriteOnce', class: '{none}' }, '/body/size'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const body = json(res);
      assert.equal(body.success, false);
      assert.ok(
        body.details.some((detail: { field: string }) => detail.field === field),
        `${field}: ${res.body}`,
      );
    }
    assert.deepEqual(await pvcNames(), before);
  });

  it('answers 409 for a name that exists', async () => {
    const res = await create({ ...form, name: 'fresh' });
    assert.equal(res.statusCode, 409);
    assert.equal(json(res).success, false);
  });

  it('needs create persistentvolumeclaims', async () => {
    for (const user of [bob, mallory]) {
      const res = await create({ ...form, name: 'not-mine' }, user);
      assert.equal(res.statusCode, 403);
      assert.equal(
        json(res).log,
        `User '${user.name}' is not authorized to create v1/persistentvolumeclaims in namespace '${ns}'`,
      );
    }
    await assert.rejects(admin.get(resources.persistentVolumeClaims, ns, 'not-mine'), isKubeNotFound);
  });

  it('expands a bound PVC whose class allows it, and shows the pending resize', async () => {
    await admin.create(resources.persistentVolumes, undefined, {
      metadata: { name: pvName },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: expandable,
        hostPath: { path: '/tmp/volumes-api-test' },
        claimRef: { namespace: ns, name: 'growing' },
      },
    } as KubeObject);
    // After the PV: a claim naming a volume that does not exist yet would be marked Lost.
    await adminPvc(ns, 'growing', { storageClassName: expandable, volumeName: pvName });
    await eventually(
      async () =>
        (await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'growing')).status?.phase === 'Bound'
          ? true
          : undefined,
      20_000,
      'PVC bound',
    );
    const res = await resize('growing', { size: '2Gi' });
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['changed', 'message', 'pvc', 'status', 'success', 'user']);
    assert.equal(body.changed, true);
    assert.equal(body.pvc.spec.resources.requests.storage, '2Gi');
    assert.equal(
      (await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'growing')).spec.resources.requests.storage,
      '2Gi',
    );
    // Asked for, and no resizer has acted yet: the list says so rather than "Bound".
    const requested = await app.inject({
      method: 'GET',
      url: `/api/namespaces/${ns}/pvcs`,
      headers: browserCall(alice),
    });
    assert.deepEqual(json(requested).pvcs.find((p: Obj) => p.name === 'growing').status, {
      phase: 'waiting',
      message: 'Resizing: expansion from 1Gi to 2Gi requested',
      state: 'ResizeRequested',
    });
    const same = await resize('growing', { size: '2048Mi' });
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(json(same).changed, false);
    const smaller = await resize('growing', { size: '1Gi' });
    assert.equal(smaller.statusCode, 400);
    assert.match(json(smaller).log, /cannot shrink/);
    assert.equal(json(smaller).details[0].field, '/body/size');

    // The resizer reports progress in conditions; the list shows it.
    await admin.request('PATCH', `/api/v1/namespaces/${ns}/persistentvolumeclaims/growing/status`, {
      body: {
        status: {
          conditions: [
            {
              type: 'FileSystemResizePending',
              status: 'True',
              message: 'Waiting for user to (re-)start a pod',
            },
          ],
        },
      },
      contentType: 'application/merge-patch+json',
    });
    const status = await eventually(async () => {
      const list = json(
        await app.inject({ method: 'GET', url: `/api/namespaces/${ns}/pvcs`, headers: browserCall(alice) }),
      );
      const growing = list.pvcs.find((p: Obj) => p.name === 'growing');
      return growing?.status.state === 'FileSystemResizePending' ? growing.status : undefined;
    });
    assert.deepEqual(status, {
      phase: 'waiting',
      message: 'Resizing: Waiting for user to (re-)start a pod',
      state: 'FileSystemResizePending',
    });
  });

  it('refuses to expand without an expandable class, unbound, missing or with a bad size', async () => {
    await adminPvc(ns, 'stuck', { storageClassName: fixed });
    const fixedClass = await resize('stuck', { size: '5Gi' });
    assert.equal(fixedClass.statusCode, 400);
    assert.match(json(fixedClass).log, /does not allow volume expansion/);
    const noClass = await resize('fresh', { size: '20Gi' });
    assert.equal(noClass.statusCode, 400);
    assert.match(json(noClass).log, /has no storage class/);
    await adminPvc(ns, 'unbound', { storageClassName: expandable });
    const unbound = await resize('unbound', { size: '5Gi' });
    assert.equal(unbound.statusCode, 409);
    assert.match(json(unbound).log, /not bound/);
    assert.equal((await resize('missing', { size: '5Gi' })).statusCode, 404);
    // A bad size is reported as such, whether or not the PVC exists.
    const badMissing = await resize('missing', { size: '-1Gi' });
    assert.equal(badMissing.statusCode, 400);
    assert.deepEqual(json(badMissing).details, [
      { field: '/body/size', message: 'must be greater than zero' },
    ]);
    assert.equal((await resize('stuck', {})).statusCode, 400);
    const bad = await resize('stuck', { size: 'huge' });
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).details[0].field, '/body/size');
    const extra = await resize('stuck', { size: '5Gi', mode: 'ReadWriteMany' });
    assert.equal(extra.statusCode, 400);
    for (const name of ['stuck', 'unbound', 'fresh']) {
      const pvc = await admin.get<Obj>(resources.persistentVolumeClaims, ns, name);
      assert.notEqual(pvc.spec.resources.requests.storage, '5Gi');
    }
  });

  it('needs patch persistentvolumeclaims', async () => {
    const res = await resize('growing', { size: '3Gi' }, bob);
    assert.equal(res.statusCode, 403);
    assert.equal(
      json(res).log,
      `User '${bob.name}' is not authorized to patch v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    assert.equal(
      (await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'growing')).spec.resources.requests.storage,
      '2Gi',
    );
  });
});
