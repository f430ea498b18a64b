import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, type KubeObject, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually } from '@kf-ts/shared/testing';
import { alice, buildTestApp, grant, json, teamNamespace } from './helpers.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type App = Awaited<ReturnType<typeof buildTestApp>>;

const SNAPSHOT_CRD = 'volumesnapshots.snapshot.storage.k8s.io';

/** The served part of the external-snapshotter's CRD: enough for the API to exist. */
const snapshotCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: SNAPSHOT_CRD,
    // A *.k8s.io group needs this annotation, as the real CRD carries.
    annotations: {
      'api-approved.kubernetes.io': 'https://github.com/kubernetes-csi/external-snapshotter/pull/419',
    },
  },
  spec: {
    group: 'snapshot.storage.k8s.io',
    scope: 'Namespaced',
    names: {
      plural: 'volumesnapshots',
      singular: 'volumesnapshot',
      kind: 'VolumeSnapshot',
      listKind: 'VolumeSnapshotList',
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        subresources: { status: {} },
      },
    ],
  },
} as unknown as KubeObject;

const snapshotApiServed = async (admin: KubeClient) => {
  try {
    const list = await admin.request<{ resources?: { name: string }[] }>(
      'GET',
      '/apis/snapshot.storage.k8s.io/v1',
    );
    return (list.resources ?? []).some((resource) => resource.name === 'volumesnapshots');
  } catch {
    return false;
  }
};

/**
 * Restoring a VolumeSnapshot. The test cluster has no snapshot API; this file adds its CRD for
 * its second half and removes it at the end (nothing else in the suite creates snapshots).
 */
describe('POST /api/namespaces/{ns}/pvcs with a VolumeSnapshot (type: snapshot)', () => {
  let admin: KubeClient;
  let ns: string;
  const form = { mode: 'ReadWriteOnce', class: '{none}', size: '1Gi', type: 'snapshot' };
  const create = (target: App, payload: object, user = alice) =>
    target.inject({ method: 'POST', url: `/api/namespaces/${ns}/pvcs`, headers: browserCall(user), payload });
  const exists = async (name: string) => {
    try {
      await admin.get(resources.persistentVolumeClaims, ns, name);
      return true;
    } catch (err) {
      if (isKubeNotFound(err)) return false;
      throw err;
    }
  };

  before(async () => {
    admin = await adminKube();
    ns = await teamNamespace('vol-snap');
  });
  after(async () => {
    await admin.delete(resources.customResourceDefinitions, undefined, SNAPSHOT_CRD).catch(() => {});
  });

  it('is a 400 naming the missing API while the cluster has no snapshot API, and creates nothing', async () => {
    assert.equal(await snapshotApiServed(admin), false, 'the test cluster starts without the snapshot API');
    const app = await buildTestApp();
    try {
      const res = await create(app, { ...form, name: 'restored', snapshot: 'snap-1' });
      assert.equal(res.statusCode, 400, res.body);
      const body = json(res);
      assert.equal(body.success, false);
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.deepEqual(body.details, [
        {
          field: '/body/snapshot',
          message:
            'volume snapshots (snapshot.storage.k8s.io/v1 VolumeSnapshot) are not available in this cluster',
        },
      ]);
      assert.equal(await exists('restored'), false);
    } finally {
      await app.close();
    }
  });

  it('with the snapshot API: restores from an existing snapshot (dataSource), after checking the caller may read it', async () => {
    // Started before the CRD exists: the service turns the feature on by itself, no restart.
    const app = await buildTestApp({ OPTIONAL_API_RECHECK_SECONDS: '1' });
    const changes: string[] = [];
    app.discovery.onChange((resource, present) => changes.push(`${resource.plural}:${present}`));
    try {
      assert.equal(app.discovery.has(resources.volumeSnapshots), false);
      await admin.create(resources.customResourceDefinitions, undefined, snapshotCrd).catch((err: Error) => {
        if (!/already exists/.test(err.message)) throw err;
      });
      await eventually(
        async () => ((await snapshotApiServed(admin)) ? true : undefined),
        30_000,
        'snapshot API',
      );
      await eventually(
        async () => {
          try {
            return await admin.create(resources.volumeSnapshots, ns, {
              apiVersion: 'snapshot.storage.k8s.io/v1',
              kind: 'VolumeSnapshot',
              metadata: { name: 'nightly', namespace: ns },
              spec: { source: { persistentVolumeClaimName: 'data' } },
            } as KubeObject);
          } catch (err) {
            if (/already exists/.test((err as Error).message)) return true;
            return undefined; // the new API can take a moment to accept objects
          }
        },
        30_000,
        'snapshot created',
      );
      await eventually(
        () => (app.discovery.has(resources.volumeSnapshots) ? true : undefined),
        10_000,
        'snapshot API discovered by the running service',
      );
      assert.deepEqual(changes, ['volumesnapshots:true']);
      // kubeflow-edit does not cover snapshots: the caller needs get on the snapshot itself.
      const noRead = await create(app, { ...form, name: 'restored', snapshot: 'nightly' });
      assert.equal(noRead.statusCode, 403, noRead.body);
      assert.equal(
        json(noRead).log,
        `User '${alice.name}' is not authorized to get snapshot.storage.k8s.io/v1/volumesnapshots in namespace '${ns}'`,
      );
      assert.equal(await exists('restored'), false);
      await grant(ns, alice.name, [
        { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['get'] },
      ]);
      // Denials are cached for 10 s: a fresh app asks again.
      const allowed = await buildTestApp();
      try {
        const missing = await create(allowed, { ...form, name: 'restored', snapshot: 'weekly' });
        assert.equal(missing.statusCode, 400, missing.body);
        assert.deepEqual(json(missing).details, [
          { field: '/body/snapshot', message: `no VolumeSnapshot 'weekly' in '${ns}'` },
        ]);
        assert.equal(await exists('restored'), false);

        const res = await create(allowed, { ...form, name: 'restored', snapshot: 'nightly' });
        assert.equal(res.statusCode, 200, res.body);
        const body = json(res);
        assert.deepEqual(Object.keys(body).sort(), ['message', 'pvc', 'status', 'success', 'user']);
        assert.equal(body.message, 'PVC created successfully.');
        const pvc = await admin.get<Obj>(resources.persistentVolumeClaims, ns, 'restored');
        assert.deepEqual(pvc.spec.dataSource, {
          apiGroup: 'snapshot.storage.k8s.io',
          kind: 'VolumeSnapshot',
          name: 'nightly',
        });
        assert.equal(pvc.spec.resources.requests.storage, '1Gi');
        assert.deepEqual(body.pvc.spec.dataSource, pvc.spec.dataSource);
      } finally {
        await allowed.close();
      }
    } finally {
      await app.close();
    }
  });
});
