import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, type KubeObject, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  adminPod,
  adminPvc,
  alice,
  bob,
  buildTestApp,
  dave,
  grant,
  json,
  mallory,
  teamNamespace,
  viewerDeployment,
} from './helpers.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DELETE /api/namespaces/{ns}/pvcs/{pvc}', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  const remove = (name: string, user: { name: string; groups?: string[] } = alice) =>
    app.inject({ method: 'DELETE', url: `/api/namespaces/${ns}/pvcs/${name}`, headers: browserCall(user) });
  /** Present and not being deleted. */
  const intact = async (resource: (typeof resources)[keyof typeof resources], name: string) => {
    try {
      return !(await admin.get(resource, ns, name)).metadata?.deletionTimestamp;
    } catch (err) {
      if (isKubeNotFound(err)) return false;
      throw err;
    }
  };
  const goneOrGoing = async (resource: (typeof resources)[keyof typeof resources], name: string) =>
    !(await intact(resource, name));

  const withViewer = async (pvc: string) => {
    await adminPvc(ns, pvc);
    const viewer = await admin.create<KubeObject>(resources.pvcViewers, ns, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PVCViewer',
      metadata: { name: pvc, namespace: ns },
      spec: { pvc },
    });
    await viewerDeployment(ns, viewer, pvc);
    // The controller manager makes the ReplicaSet and the (Pending) viewer pod.
    return eventually(
      async () =>
        ((await admin.list<Obj>(resources.pods, { namespace: ns })).items ?? []).find(
          (pod) => pod.metadata.labels?.['app.kubernetes.io/name'] === pvc,
        ),
      30_000,
      `viewer pod of ${pvc}`,
    );
  };

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('vol-del');
    admin = await adminKube();
  });
  after(() => app.close());

  it('refuses a PVC referenced only by a stopped Notebook, naming it', async () => {
    await adminPvc(ns, 'kept-for-later');
    await adminNotebook(ns, 'sleeping', ['kept-for-later'], true);
    const res = await remove('kept-for-later');
    assert.equal(res.statusCode, 409, res.body);
    const body = json(res);
    assert.equal(body.success, false);
    assert.equal(body.status, 409);
    assert.equal(
      body.log,
      "Cannot delete PVC 'kept-for-later' because it is being used by notebooks: ['sleeping'] (stopped ones too)",
    );
    assert.deepEqual(body.details, [
      { field: '/notebooks/sleeping', message: 'notebook sleeping (stopped) mounts this volume' },
    ]);
    assert.equal(await intact(resources.persistentVolumeClaims, 'kept-for-later'), true);
  });

  it('refuses a PVC a running Notebook references, even before its pod exists', async () => {
    await adminPvc(ns, 'in-use');
    await adminNotebook(ns, 'awake', ['in-use']);
    const res = await remove('in-use');
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(
      json(res).log,
      "Cannot delete PVC 'in-use' because it is being used by notebooks: ['awake']",
    );
    assert.deepEqual(json(res).details, [
      { field: '/notebooks/awake', message: 'notebook awake mounts this volume' },
    ]);
    assert.equal(await intact(resources.persistentVolumeClaims, 'in-use'), true);
  });

  it("refuses a PVC a pod mounts, in upstream's words, even a pod with a generic viewer-like label", async () => {
    await adminPvc(ns, 'busy');
    await adminPod(ns, 'worker', ['busy']);
    await adminPod(ns, 'imposter', ['busy'], { labels: { 'app.kubernetes.io/name': 'busy' } });
    const res = await remove('busy');
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(
      json(res).log,
      "Cannot delete PVC 'busy' because it is being used by pods: ['imposter', 'worker']",
    );
    assert.equal(await intact(resources.persistentVolumeClaims, 'busy'), true);
  });

  it('deletes a PVC nothing uses (DELETE without a body or Content-Type)', async () => {
    await adminPvc(ns, 'unused');
    await eventually(() => (app.volumes.views.pvcs.get(ns, 'unused') ? true : undefined));
    const res = await remove('unused');
    assert.equal(res.statusCode, 200, res.body);
    const body = json(res);
    assert.deepEqual(Object.keys(body).sort(), ['message', 'status', 'success', 'user', 'viewersDeleted']);
    assert.equal(body.message, 'PVC unused successfully deleted.');
    assert.deepEqual(body.viewersDeleted, []);
    assert.equal(await goneOrGoing(resources.persistentVolumeClaims, 'unused'), true);
    // The list reflects the delete at once (gone, or terminating while a finalizer holds it).
    const list = json(
      await app.inject({ method: 'GET', url: `/api/namespaces/${ns}/pvcs`, headers: browserCall(alice) }),
    );
    const entry = list.pvcs.find((pvc: Obj) => pvc.name === 'unused');
    assert.ok(!entry || entry.status.phase === 'terminating', JSON.stringify(entry));
  });

  it('deletes a PVC whose only pod has finished (it can no longer write to it)', async () => {
    await adminPvc(ns, 'after-job');
    await adminPod(ns, 'job-done', ['after-job']);
    await admin.request('PATCH', `/api/v1/namespaces/${ns}/pods/job-done/status`, {
      body: { status: { phase: 'Succeeded' } },
      contentType: 'application/merge-patch+json',
    });
    const res = await remove('after-job');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json(res).message, 'PVC after-job successfully deleted.');
    assert.equal(await goneOrGoing(resources.persistentVolumeClaims, 'after-job'), true);
  });

  it('deletes a PVC whose only user is its own viewer, and the viewer with it', async () => {
    const viewerPod = await withViewer('browsed');
    assert.equal(viewerPod.spec.volumes[0].persistentVolumeClaim.claimName, 'browsed');
    const res = await remove('browsed');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res).viewersDeleted, ['browsed']);
    assert.equal(await goneOrGoing(resources.persistentVolumeClaims, 'browsed'), true);
    // Foreground deletion: the viewer's Deployment, ReplicaSet and pod go, then the viewer.
    await eventually(
      async () => ((await goneOrGoing(resources.pvcViewers, 'browsed')) ? true : undefined),
      10_000,
      'viewer deleted',
    );
    await eventually(
      async () => {
        try {
          await admin.get(resources.pods, ns, viewerPod.metadata.name);
          return undefined;
        } catch (err) {
          return isKubeNotFound(err) ? true : undefined;
        }
      },
      30_000,
      'viewer pod gone',
    );
  });

  it('needs list pvcviewers, and delete pvcviewers when the PVC has a viewer; denied, it deletes nothing', async () => {
    await withViewer('guarded');
    await grant(ns, dave.name, [
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
      { apiGroups: ['kubeflow.org'], resources: ['notebooks'], verbs: ['list'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['delete'] },
    ]);
    const cannotList = await remove('guarded', dave);
    assert.equal(cannotList.statusCode, 403, cannotList.body);
    assert.equal(
      json(cannotList).log,
      `User '${dave.name}' is not authorized to list kubeflow.org/v1alpha1/pvcviewers in namespace '${ns}'`,
    );
    await grant(ns, dave.name, [{ apiGroups: ['kubeflow.org'], resources: ['pvcviewers'], verbs: ['list'] }]);
    // Denials are cached for 10 s: a fresh app asks again.
    const fresh = await buildTestApp();
    try {
      const res = await fresh.inject({
        method: 'DELETE',
        url: `/api/namespaces/${ns}/pvcs/guarded`,
        headers: browserCall(dave),
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(
        json(res).log,
        `User '${dave.name}' is not authorized to delete kubeflow.org/v1alpha1/pvcviewers in namespace '${ns}'`,
      );
    } finally {
      await fresh.close();
    }
    assert.equal(await intact(resources.persistentVolumeClaims, 'guarded'), true);
    assert.equal(await intact(resources.pvcViewers, 'guarded'), true);
  });

  it('needs list pods, list notebooks and delete persistentvolumeclaims', async () => {
    await adminPvc(ns, 'protected');
    const stranger = await remove('protected', mallory);
    assert.equal(stranger.statusCode, 403);
    assert.equal(
      json(stranger).log,
      `User '${mallory.name}' is not authorized to list v1/pods in namespace '${ns}'`,
    );
    const viewer = await remove('protected', bob);
    assert.equal(viewer.statusCode, 403);
    assert.equal(
      json(viewer).log,
      `User '${bob.name}' is not authorized to delete v1/persistentvolumeclaims in namespace '${ns}'`,
    );
    assert.equal(await intact(resources.persistentVolumeClaims, 'protected'), true);
  });

  it('answers 404 for a PVC that does not exist and 400 for a bad name', async () => {
    const res = await remove('no-such-pvc');
    assert.equal(res.statusCode, 404);
    assert.equal(json(res).success, false);
    assert.equal((await remove('Bad_Name')).statusCode, 400);
  });
});
