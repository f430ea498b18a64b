import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, type KubeObject, type ResourceRef, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, asUser, browserCall, eventually } from '@kf-ts/shared/testing';
import {
  adminPvc,
  alice,
  bob,
  buildTestApp,
  dave,
  grant,
  json,
  setViewerStatus,
  teamNamespace,
  viewerDeployment,
} from './helpers.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const IMAGE = 'registry.example.com/filebrowser:test';

describe('POST /api/namespaces/{ns}/viewers and DELETE /api/namespaces/{ns}/viewers/{name}', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  const open = (payload: unknown, user = alice, target = app) =>
    target.inject({
      method: 'POST',
      url: `/api/namespaces/${ns}/viewers`,
      headers: browserCall(user),
      payload: payload as object,
    });
  const close = (name: string, user = alice, target = app) =>
    target.inject({
      method: 'DELETE',
      url: `/api/namespaces/${ns}/viewers/${name}`,
      headers: browserCall(user),
    });
  const listed = async (name: string, target = app) =>
    json(
      await target.inject({ method: 'GET', url: `/api/namespaces/${ns}/pvcs`, headers: asUser(alice) }),
    ).pvcs.find((pvc: Obj) => pvc.name === name);
  const exists = async (resource: ResourceRef, name: string) => {
    try {
      return !(await admin.get(resource, ns, name)).metadata?.deletionTimestamp;
    } catch (err) {
      if (isKubeNotFound(err)) return false;
      throw err;
    }
  };

  before(async () => {
    app = await buildTestApp({ VOLUME_VIEWER_IMAGE: IMAGE });
    ns = await teamNamespace('vol-viewer');
    admin = await adminKube();
    for (const name of ['browse-me', 'second', 'custom', 'absent-api']) await adminPvc(ns, name);
  });
  after(() => app.close());

  it('creates a PVCViewer from the bundled template, and the list follows its status', async () => {
    const res = await open({ name: 'browse-me' });
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['message', 'status', 'success', 'user', 'viewer']);
    assert.equal(body.message, 'PVCViewer created successfully.');
    const viewer = await admin.get<Obj>(resources.pvcViewers, ns, 'browse-me');
    assert.equal(viewer.spec.pvc, 'browse-me');
    const container = viewer.spec.podSpec.containers[0];
    assert.equal(container.image, IMAGE);
    assert.deepEqual(
      container.env.find((env: Obj) => env.name === 'FB_BASEURL'),
      { name: 'FB_BASEURL', value: `/pvcviewers/${ns}/browse-me/` },
    );
    assert.equal(viewer.spec.podSpec.volumes[0].persistentVolumeClaim.claimName, 'browse-me');
    assert.deepEqual(viewer.spec.networking, {
      targetPort: 8080,
      basePrefix: '/pvcviewers',
      rewrite: '/',
      timeout: '30s',
    });
    assert.deepEqual((await listed('browse-me')).viewer, { status: 'waiting', url: null });
    await setViewerStatus(ns, 'browse-me', { ready: true, url: `/pvcviewers/${ns}/browse-me/` });
    const ready = await eventually(async () => {
      const entry = await listed('browse-me');
      return entry.viewer.status === 'ready' ? entry.viewer : undefined;
    });
    assert.deepEqual(ready, { status: 'ready', url: `/pvcviewers/${ns}/browse-me/` });
  });

  it('substitutes only the documented variables of a mounted template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'viewer-spec-'));
    const path = join(dir, 'viewer-spec.yaml');
    writeFileSync(
      path,
      'pvc: ${PVC_NAME}\npodSpec:\n  containers:\n    - name: main\n      image: $VOLUME_VIEWER_IMAGE\n      env:\n        - name: LEAK\n          value: "$HOME:$PATH"\n        - name: WHERE\n          value: "$NAMESPACE/$NAME at $BASE_URL"\n',
    );
    const custom = await buildTestApp({ VIEWER_SPEC_PATH: path, VOLUME_VIEWER_IMAGE: IMAGE });
    try {
      const res = await open({ name: 'custom' }, alice, custom);
      assert.equal(res.statusCode, 200, res.body);
      const viewer = await admin.get<Obj>(resources.pvcViewers, ns, 'custom');
      assert.equal(viewer.spec.pvc, 'custom');
      assert.equal(viewer.spec.podSpec.containers[0].image, IMAGE);
      assert.deepEqual(viewer.spec.podSpec.containers[0].env, [
        { name: 'LEAK', value: '$HOME:$PATH' },
        { name: 'WHERE', value: `${ns}/custom at /pvcviewers/${ns}/custom/` },
      ]);
    } finally {
      await custom.close();
    }
  });

  it('refuses bad input, a second viewer and a viewer of a missing PVC', async () => {
    const before = ((await admin.list(resources.pvcViewers, { namespace: ns })).items ?? []).length;
    for (const payload of [{}, { name: 'Bad_Name' }, { name: 'second', image: 'evil' }]) {
      const res = await open(payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(json(res).details.length > 0);
    }
    const missing = await open({ name: 'no-such-pvc' });
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).log, `PVC 'no-such-pvc' does not exist in namespace '${ns}'.`);
    assert.equal(((await admin.list(resources.pvcViewers, { namespace: ns })).items ?? []).length, before);
    const again = await open({ name: 'browse-me' });
    assert.equal(again.statusCode, 409);
  });

  it('refuses a viewer of a PVC that is being deleted', async () => {
    // A finalizer of its own keeps the PVC terminating for as long as the test needs.
    await adminPvc(ns, 'going', {}, { finalizers: ['example.com/hold'] });
    await admin.delete(resources.persistentVolumeClaims, ns, 'going');
    await eventually(() =>
      app.volumes.views.pvcs.get(ns, 'going')?.metadata?.deletionTimestamp ? true : undefined,
    );
    try {
      const res = await open({ name: 'going' });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(json(res).log, "PVC 'going' is being deleted, so it cannot be browsed.");
      assert.equal(await exists(resources.pvcViewers, 'going'), false);
    } finally {
      await admin.patch(
        resources.persistentVolumeClaims,
        ns,
        'going',
        { metadata: { finalizers: null } },
        'merge',
      );
    }
  });

  it('needs create pvcviewers and get on the PVC', async () => {
    const viewer = await open({ name: 'second' }, bob);
    assert.equal(viewer.statusCode, 403);
    assert.equal(
      json(viewer).log,
      `User '${bob.name}' is not authorized to create kubeflow.org/v1alpha1/pvcviewers in namespace '${ns}'`,
    );
    await grant(ns, dave.name, [
      { apiGroups: ['kubeflow.org'], resources: ['pvcviewers'], verbs: ['create'] },
    ]);
    const noPvc = await open({ name: 'second' }, dave);
    assert.equal(noPvc.statusCode, 403);
    assert.equal(
      json(noPvc).log,
      `User '${dave.name}' is not authorized to get v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    assert.equal(await exists(resources.pvcViewers, 'second'), false);
  });

  it('deletes a viewer in the foreground (its Deployment goes first)', async () => {
    const viewer = await admin.get<KubeObject>(resources.pvcViewers, ns, 'browse-me');
    await viewerDeployment(ns, viewer, 'browse-me');
    const denied = await close('browse-me', bob);
    assert.equal(denied.statusCode, 403);
    assert.equal(
      json(denied).log,
      `User '${bob.name}' is not authorized to delete kubeflow.org/v1alpha1/pvcviewers in namespace '${ns}'`,
    );
    assert.equal(await exists(resources.pvcViewers, 'browse-me'), true);
    const res = await close('browse-me');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(Object.keys(json(res)).sort(), ['message', 'status', 'success', 'user']);
    assert.equal(json(res).message, 'Viewer browse-me successfully deleted.');
    assert.equal(await exists(resources.pvcViewers, 'browse-me'), false);
    const deployments = {
      group: 'apps',
      version: 'v1',
      plural: 'deployments',
      kind: 'Deployment',
      namespaced: true,
    };
    await eventually(
      async () => ((await exists(deployments, 'pvcviewer-browse-me')) ? undefined : true),
      20_000,
    );
    assert.equal((await close('never-opened')).statusCode, 404);
    assert.equal((await close('Bad_Name')).statusCode, 400);
  });

  it('without the PVCViewer API: lists still work (uninitialized), viewer routes answer 501, viewer pods count as users', async () => {
    // Stands in for a cluster without the CRD (the shared test cluster's CRDs are not ours to delete).
    const noViewers = await buildTestApp(
      {},
      {
        beforeReady: (target) => {
          const has = target.discovery.has.bind(target.discovery);
          target.discovery.has = (resource) => resource.plural !== 'pvcviewers' && has(resource);
        },
      },
    );
    try {
      assert.equal(noViewers.volumes.views.viewersAvailable, false);
      assert.equal(
        noViewers.caches.all().some((cache) => cache.resource.plural === 'pvcviewers'),
        false,
        'no cache of a missing API (it would never sync)',
      );
      const viewer = await admin.create<KubeObject>(resources.pvcViewers, ns, {
        apiVersion: 'kubeflow.org/v1alpha1',
        kind: 'PVCViewer',
        metadata: { name: 'absent-api', namespace: ns },
        spec: { pvc: 'absent-api' },
      });
      await eventually(async () => ((await listed('absent-api', noViewers)) ? true : undefined));
      assert.deepEqual((await listed('absent-api', noViewers)).viewer, {
        status: 'uninitialized',
        url: null,
      });
      const create = await open({ name: 'second' }, alice, noViewers);
      assert.equal(create.statusCode, 501);
      assert.equal(json(create).code, 'FEATURE_UNAVAILABLE');
      assert.match(json(create).log, /PVCViewer API/);
      assert.equal((await close('absent-api', alice, noViewers)).statusCode, 501);
      await viewerDeployment(ns, viewer, 'absent-api');
      await eventually(
        async () =>
          ((await admin.list<Obj>(resources.pods, { namespace: ns })).items ?? []).some(
            (pod) => pod.metadata.labels?.['app.kubernetes.io/name'] === 'absent-api',
          )
            ? true
            : undefined,
        30_000,
      );
      // Without the API the viewer cannot be recognised, so its pod blocks the delete: safe.
      const remove = await noViewers.inject({
        method: 'DELETE',
        url: `/api/namespaces/${ns}/pvcs/absent-api`,
        headers: browserCall(alice),
      });
      assert.equal(remove.statusCode, 409, remove.body);
      assert.equal(await exists(resources.persistentVolumeClaims, 'absent-api'), true);
    } finally {
      await noViewers.close();
    }
  });
});
