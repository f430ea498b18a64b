import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeClient, isKubeNotFound, resources } from '@kf-ts/shared';
import { adminKube, browserCall, eventually } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  alice,
  bob,
  buildTestApp,
  dave,
  grant,
  json,
  mallory,
  setNotebookStatus,
  simpleTemplate,
  teamNamespace,
  served,
} from './helpers.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('PATCH and DELETE /api/namespaces/{ns}/notebooks/{name}', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let admin: KubeClient;
  const patch = (name: string, payload: unknown, user = alice) =>
    app.inject({
      method: 'PATCH',
      url: `/api/namespaces/${ns}/notebooks/${name}`,
      headers: browserCall(user),
      payload: payload as object,
    });
  const remove = (name: string, query = '', user = alice) =>
    app.inject({
      method: 'DELETE',
      url: `/api/namespaces/${ns}/notebooks/${name}${query}`,
      headers: browserCall(user),
    });
  const pvc = (name: string) =>
    admin.create(resources.persistentVolumeClaims, ns, {
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  const exists = async (resource: (typeof resources)['notebooks'], name: string) => {
    try {
      const object = await admin.get(resource, ns, name);
      return !object.metadata?.deletionTimestamp;
    } catch (err) {
      if (isKubeNotFound(err)) return false;
      throw err;
    }
  };

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('jup-write');
    admin = await adminKube();
    for (const name of ['stopme', 'resize', 'gone', 'gone-too', 'shared-ws', 'sharer']) {
      await adminNotebook(ns, name, simpleTemplate(name));
    }
    await setNotebookStatus(ns, 'resize', { readyReplicas: 1 });
  });
  after(() => app.close());

  it('stops (timestamp annotation), refuses a second stop with 409, and starts', async () => {
    const stopped = await patch('stopme', { stopped: true });
    assert.equal(stopped.statusCode, 200, stopped.body);
    const stored = await admin.get<Obj>(resources.notebooks, ns, 'stopme');
    assert.deepEqual(json(stopped), {
      success: true,
      status: 200,
      user: alice.name,
      notebook: served(stored),
      restartRequired: false,
    });
    const annotation = stored.metadata.annotations['kubeflow-resource-stopped'];
    assert.match(annotation, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(annotation) - Date.now()) < 60_000, annotation);
    const again = await patch('stopme', { stopped: true });
    assert.equal(again.statusCode, 409);
    assert.equal(json(again).log, `Notebook ${ns}/stopme is already stopped.`);
    const started = await patch('stopme', { stopped: false });
    assert.equal(started.statusCode, 200);
    const annotations = (await admin.get<Obj>(resources.notebooks, ns, 'stopme')).metadata.annotations ?? {};
    assert.equal('kubeflow-resource-stopped' in annotations, false);
    // starting a running notebook is not an error (as upstream): nothing to remove
    const again2 = await patch('stopme', { stopped: false });
    assert.equal(again2.statusCode, 200, again2.body);
  });

  it('changes image, cpu, memory and gpus, flagging the restart of a running notebook', async () => {
    const res = await patch('resize', {
      image: 'example.com/custom:2',
      cpu: '2',
      memory: '4Gi',
      gpus: { num: 2, vendor: 'amd.com/gpu' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const stored = await admin.get<Obj>(resources.notebooks, ns, 'resize');
    assert.deepEqual(json(res), {
      success: true,
      status: 200,
      user: alice.name,
      notebook: served(stored),
      restartRequired: true,
    });
    const container = stored.spec.template.spec.containers[0];
    assert.equal(container.image, 'example.com/custom:2');
    assert.deepEqual(container.resources, {
      requests: { cpu: '2', memory: '4Gi' },
      limits: { cpu: '2400m', memory: '4916Mi', 'amd.com/gpu': '2' },
    });
  });

  it('refuses a change based on a stale resourceVersion', async () => {
    const current = await admin.get<Obj>(resources.notebooks, ns, 'resize');
    const stale = String(Number(current.metadata.resourceVersion) - 1);
    const res = await patch('resize', { cpu: '1', resourceVersion: stale });
    assert.equal(res.statusCode, 409);
    assert.equal(json(res).code, 'CONFLICT');
    const fresh = await patch('resize', { cpu: '1', resourceVersion: current.metadata.resourceVersion });
    assert.equal(fresh.statusCode, 200, fresh.body);
    const stop = await patch('resize', { stopped: true, resourceVersion: current.metadata.resourceVersion });
    assert.equal(stop.statusCode, 409);
    const after = await admin.get<Obj>(resources.notebooks, ns, 'resize');
    assert.equal(after.spec.template.spec.containers[0].resources.requests.cpu, '1');
    assert.equal(after.metadata.annotations?.['kubeflow-resource-stopped'], undefined);
  });

  it('refuses bad changes with details and changes nothing', async () => {
    const before = await admin.get<Obj>(resources.notebooks, ns, 'resize');
    const cases: [unknown, string][] = [
      [{}, '/body'],
      [{ stop: true }, '/body/stop'],
      [{ cpu: 'lots' }, '/body/cpu'],
      [{ memory: '2Gi', memoryLimit: '1Gi' }, '/body/memoryLimit'],
      [{ gpus: { num: 99, vendor: 'nvidia.com/gpu' } }, '/body/gpus/num'],
      [{ stopped: 'yes' }, '/body/stopped'],
    ];
    for (const [payload, field] of cases) {
      const res = await patch('resize', payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.ok(
        json(res).details.some((d: { field: string }) => d.field === field),
        `${field}: ${res.body}`,
      );
    }
    const after = await admin.get<Obj>(resources.notebooks, ns, 'resize');
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    assert.equal((await patch('missing-nb', { stopped: true })).statusCode, 404);
  });

  it('refuses resource changes to a Notebook without containers, but still stops it', async () => {
    await adminNotebook(ns, 'hollow', undefined);
    const res = await patch('hollow', { cpu: '1' });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(json(res).details, [{ field: '/body/cpu', message: 'the Notebook has no container' }]);
    assert.match(json(res).log, /has no container/);
    const stop = await patch('hollow', { stopped: true });
    assert.equal(stop.statusCode, 200, stop.body);
  });

  it('needs patch notebooks', async () => {
    const res = await patch('stopme', { stopped: true }, bob);
    assert.equal(res.statusCode, 403);
    assert.equal(
      json(res).log,
      `User '${bob.name}' is not authorized to patch kubeflow.org/v1beta1/notebooks in namespace '${ns}'`,
    );
  });

  it('deletes in the foreground and keeps the PVCs', async () => {
    await pvc('gone-workspace');
    const res = await remove('gone');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res), {
      success: true,
      status: 200,
      user: alice.name,
      message: 'Notebook gone successfully deleted.',
      deletedVolumes: [],
    });
    // Foreground: the Notebook stays, with a deletionTimestamp, until the garbage collector has
    // removed its dependents; only then is it gone from the API server.
    await eventually(async () => {
      try {
        await admin.get(resources.notebooks, ns, 'gone');
        return undefined;
      } catch (err) {
        if (isKubeNotFound(err)) return true;
        throw err;
      }
    }, 30_000);
    assert.equal(await exists(resources.persistentVolumeClaims, 'gone-workspace'), true);
    assert.equal((await remove('gone')).statusCode, 404);
  });

  it('deletes the workspace volume on request, unless something else uses it', async () => {
    await pvc('gone-too-workspace');
    await pvc('shared-ws-workspace');
    // "sharer" mounts shared-ws's workspace as a data volume
    const sharer = await admin.get<Obj>(resources.notebooks, ns, 'sharer');
    sharer.spec.template.spec.volumes.push({
      name: 'borrowed',
      persistentVolumeClaim: { claimName: 'shared-ws-workspace' },
    });
    await admin.replace(resources.notebooks, ns, sharer);
    await eventually(() =>
      JSON.stringify(app.jupyter.notebooks.get(ns, 'sharer')).includes('shared-ws-workspace')
        ? true
        : undefined,
    );
    const blocked = await remove('shared-ws', '?deleteWorkspaceVolume=true');
    assert.equal(blocked.statusCode, 409);
    assert.match(json(blocked).log, /used by notebook sharer/);
    assert.equal(await exists(resources.notebooks, 'shared-ws'), true);
    assert.equal(await exists(resources.persistentVolumeClaims, 'shared-ws-workspace'), true);

    const res = await remove('gone-too', '?deleteWorkspaceVolume=true');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res).deletedVolumes, ['gone-too-workspace']);
    await eventually(async () =>
      (await exists(resources.persistentVolumeClaims, 'gone-too-workspace')) ? undefined : true,
    );
  });

  it('needs delete notebooks, and delete persistentvolumeclaims for the volume', async () => {
    const viewer = await remove('shared-ws', '', bob);
    assert.equal(viewer.statusCode, 403);
    assert.equal(
      json(viewer).log,
      `User '${bob.name}' is not authorized to delete kubeflow.org/v1beta1/notebooks in namespace '${ns}'`,
    );
    await grant(ns, dave.name, [
      { apiGroups: ['kubeflow.org'], resources: ['notebooks'], verbs: ['delete'] },
    ]);
    const noPvc = await remove('shared-ws', '?deleteWorkspaceVolume=true', dave);
    assert.equal(noPvc.statusCode, 403);
    assert.match(json(noPvc).log, /delete v1\/persistentvolumeclaims/);
    assert.equal(await exists(resources.notebooks, 'shared-ws'), true);
    assert.equal((await remove('shared-ws', '', mallory)).statusCode, 403);
    const badQuery = await remove('shared-ws', '?deleteWorkspaceVolume=maybe');
    assert.equal(badQuery.statusCode, 400);
  });
});
