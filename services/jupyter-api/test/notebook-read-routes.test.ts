import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { NEW_NOTEBOOK_GRACE_MS } from '../src/notebook-status.ts';
import { adminKube, asUser, createNamespace, eventually } from '@kf-ts/shared/testing';
import {
  adminNotebook,
  alice,
  bob,
  buildTestApp,
  json,
  mallory,
  setNotebookStatus,
  simpleTemplate,
  teamNamespace,
  served,
} from './helpers.ts';

describe('notebook reads: list, all namespaces, get, pod, logs, events', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let ns: string;
  let otherNs: string;
  let readyNotebook: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  before(async () => {
    app = await buildTestApp();
    ns = await teamNamespace('jup-read');
    otherNs = await createNamespace('jup-read-other');
    const kube = await adminKube();
    readyNotebook = await adminNotebook(ns, 'ready-nb', simpleTemplate('ready-nb'), {
      metadata: { annotations: { 'notebooks.kubeflow.org/server-type': 'jupyter' } },
    });
    await setNotebookStatus(ns, 'ready-nb', { readyReplicas: 1, conditions: [] });
    // odd objects: no resources, no volume mounts, no image; no template at all
    await adminNotebook(ns, 'odd-nb', { containers: [{ name: 'odd-nb' }] });
    await adminNotebook(ns, 'empty-nb', undefined);
    const warned = await adminNotebook(ns, 'warn-nb', simpleTemplate('warn-nb'));
    await setNotebookStatus(ns, 'warn-nb', {
      readyReplicas: 0,
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    await kube.create(resources.events, ns, {
      metadata: { name: 'warn-nb.1' },
      involvedObject: {
        kind: 'Notebook',
        name: 'warn-nb',
        namespace: ns,
        uid: warned.metadata?.uid,
        apiVersion: 'kubeflow.org/v1beta1',
      },
      type: 'Warning',
      reason: 'FailedCreate',
      message: 'pods "warn-nb-0" is forbidden: exceeded quota',
      lastTimestamp: new Date().toISOString(),
      firstTimestamp: new Date().toISOString(),
      source: { component: 'statefulset-controller' },
    });
    await kube.create(resources.pods, ns, {
      metadata: { name: 'ready-nb-0', labels: { 'notebook-name': 'ready-nb', statefulset: 'ready-nb' } },
      spec: { containers: [{ name: 'ready-nb', image: 'busybox' }] },
    });
    await kube.create(resources.pods, ns, {
      metadata: { name: 'stranger' },
      spec: { containers: [{ name: 'ready-nb', image: 'busybox' }] },
    });
    await adminNotebook(otherNs, 'secret-nb', simpleTemplate('secret-nb'));
    // wait until the caches hold everything
    await eventually(() => {
      const views = app.jupyter.views;
      return views.summaries(ns).length === 4 &&
        views.notebookEvents(ns, 'warn-nb').length === 1 &&
        views.firstPod(ns, 'ready-nb') &&
        views.summaries(ns).find((s) => s.name === 'ready-nb')?.status.phase === 'ready' &&
        views.summaries(otherNs).length === 1
        ? true
        : undefined;
    });
  });
  after(() => app.close());

  it('lists summaries with status, odd notebooks included', async () => {
    const res = await app.inject({ url: `/api/namespaces/${ns}/notebooks`, headers: asUser(bob) });
    assert.equal(res.statusCode, 200);
    const body = json(res);
    assert.equal(body.success, true);
    assert.equal(body.status, 200);
    assert.equal(body.user, bob.name);
    assert.equal(body.total, 4);
    assert.deepEqual(
      body.notebooks.map((n: { name: string }) => n.name),
      ['empty-nb', 'odd-nb', 'ready-nb', 'warn-nb'],
    );
    const ready = body.notebooks[2];
    assert.deepEqual(
      { ...ready, metadata: undefined },
      {
        name: 'ready-nb',
        namespace: ns,
        age: readyNotebook.metadata.creationTimestamp,
        image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
        shortImage: 'jupyter-scipy:v1.11.0-rc.0',
        cpu: '500m',
        memory: '1Gi',
        gpus: { count: 1, message: '1 NVIDIA' },
        volumes: ['ws'],
        serverType: 'jupyter',
        last_activity: '',
        metadata: undefined,
        status: { phase: 'ready', message: 'Running', state: '' },
      },
    );
    assert.equal(ready.metadata.name, 'ready-nb');
    const odd = body.notebooks[1];
    assert.deepEqual(
      [odd.image, odd.cpu, odd.memory, odd.volumes, odd.serverType],
      ['', null, null, [], null],
    );
    assert.deepEqual(body.notebooks[3].status, {
      phase: 'warning',
      message: 'pods "warn-nb-0" is forbidden: exceeded quota',
      state: '',
    });
  });

  it('filters, sorts and pages when asked', async () => {
    const page = json(
      await app.inject({
        url: `/api/namespaces/${ns}/notebooks?sort=-name&limit=2&offset=1`,
        headers: asUser(bob),
      }),
    );
    assert.equal(page.total, 4);
    assert.deepEqual(
      page.notebooks.map((n: { name: string }) => n.name),
      ['ready-nb', 'odd-nb'],
    );
    const ready = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks?phase=ready,stopped`, headers: asUser(bob) }),
    );
    assert.deepEqual(
      ready.notebooks.map((n: { name: string }) => n.name),
      ['ready-nb'],
    );
    assert.equal(ready.total, 1);
    const text = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks?q=READY`, headers: asUser(bob) }),
    );
    assert.deepEqual(
      text.notebooks.map((n: { name: string }) => n.name),
      ['ready-nb'],
    );
  });

  it('refuses bad list parameters', async () => {
    for (const query of ['phase=sleeping', 'sort=size', 'limit=0', 'offset=-1']) {
      const res = await app.inject({ url: `/api/namespaces/${ns}/notebooks?${query}`, headers: asUser(bob) });
      assert.equal(res.statusCode, 400, query);
      assert.match(json(res).details[0].field, /^\/query\//, query);
    }
  });

  it('reuses the list answer until something changes', async () => {
    const views = app.jupyter.views;
    // A notebook without status reads differently once its grace period ends, which rightly
    // recomputes the list; wait until that has passed for every notebook here, so the count
    // below measures only the change made by this test.
    const created = app.jupyter.notebooks
      .list(ns)
      .map((notebook) => Date.parse(notebook.metadata?.creationTimestamp ?? ''));
    const settled = Math.max(...created) + NEW_NOTEBOOK_GRACE_MS + 1000; // timestamps have 1 s resolution
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, settled - Date.now())));
    await app.inject({ url: `/api/namespaces/${ns}/notebooks`, headers: asUser(bob) });
    const before = views.computations;
    await app.inject({ url: `/api/namespaces/${ns}/notebooks`, headers: asUser(bob) });
    await app.inject({ url: `/api/namespaces/${ns}/notebooks?sort=age`, headers: asUser(bob) });
    assert.equal(views.computations, before);
    const earlier = new Map(views.summaries(ns).map((summary) => [summary.name, summary]));
    await setNotebookStatus(ns, 'odd-nb', { readyReplicas: 1 });
    await eventually(() =>
      views.summaries(ns).find((s) => s.name === 'odd-nb')?.status.phase === 'ready' ? true : undefined,
    );
    assert.equal(views.computations, before + 1);
    // Only the changed notebook was summarized again; the others are the very same objects, so
    // their JSON is reused too.
    for (const summary of views.summaries(ns)) {
      if (summary.name === 'odd-nb') assert.notEqual(summary, earlier.get('odd-nb'));
      else assert.equal(summary, earlier.get(summary.name), `${summary.name} kept`);
    }
  });

  it('answers lists, get, pod and events from the caches, with no Kubernetes call per notebook', async () => {
    const urls = [
      `/api/namespaces/${ns}/notebooks`,
      `/api/namespaces/${ns}/notebooks?phase=warning&sort=-age`,
      '/api/notebooks',
      `/api/namespaces/${ns}/notebooks/warn-nb`,
      `/api/namespaces/${ns}/notebooks/ready-nb/pod`,
      `/api/namespaces/${ns}/notebooks/warn-nb/events`,
    ];
    const calls: string[] = [];
    const stop = app.kube.onCall(({ operation }) => {
      // access checks are cached SubjectAccessReviews, not reads of notebooks, pods or events
      if (!/subjectaccessreviews|tokenreviews/.test(operation)) calls.push(operation);
    });
    try {
      for (const url of urls) {
        const res = await app.inject({ url, headers: asUser(bob) });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      }
    } finally {
      stop();
    }
    assert.deepEqual(calls, []);
  });

  it('lists across the namespaces the caller may list', async () => {
    const mine = json(await app.inject({ url: '/api/notebooks', headers: asUser(alice) }));
    assert.equal(mine.success, true);
    const namespaces = new Set(mine.notebooks.map((n: { namespace: string }) => n.namespace));
    assert.ok(namespaces.has(ns));
    assert.ok(!namespaces.has(otherNs));
    const none = json(await app.inject({ url: '/api/notebooks', headers: asUser(mallory) }));
    assert.deepEqual(none, { success: true, status: 200, user: mallory.name, notebooks: [], total: 0 });
    assert.equal((await app.inject({ url: '/api/notebooks' })).statusCode, 401);
  });

  it('gets one notebook with processed_status', async () => {
    const stored = await (await adminKube()).get(resources.notebooks, ns, 'warn-nb');
    // the CR exactly as the API server holds it (once the cache has it), plus processed_status
    const body = await eventually(async () => {
      const answer = json(
        await app.inject({ url: `/api/namespaces/${ns}/notebooks/warn-nb`, headers: asUser(bob) }),
      );
      return answer.notebook?.metadata?.resourceVersion === stored.metadata?.resourceVersion
        ? answer
        : undefined;
    });
    assert.deepEqual(body, {
      success: true,
      status: 200,
      user: bob.name,
      notebook: {
        ...served(stored),
        processed_status: {
          phase: 'warning',
          message: 'pods "warn-nb-0" is forbidden: exceeded quota',
          state: '',
        },
      },
    });
    const missing = await app.inject({ url: `/api/namespaces/${ns}/notebooks/nope`, headers: asUser(bob) });
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).log, 'The requested resource could not be found in the API Server');
  });

  it("gets the notebook's pod, or 404 No pod detected.", async () => {
    const body = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks/ready-nb/pod`, headers: asUser(bob) }),
    );
    const pod = await (await adminKube()).get(resources.pods, ns, 'ready-nb-0');
    assert.deepEqual(body, { success: true, status: 200, user: bob.name, pod: served(pod) });
    const none = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/odd-nb/pod`,
      headers: asUser(bob),
    });
    assert.equal(none.statusCode, 404);
    assert.equal(json(none).log, 'No pod detected.');
  });

  it('reads logs only of a pod of the notebook', async () => {
    const stranger = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/ready-nb/pod/stranger/logs`,
      headers: asUser(bob),
    });
    assert.equal(stranger.statusCode, 404);
    const missing = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/ready-nb/pod/ghost/logs`,
      headers: asUser(bob),
    });
    assert.equal(missing.statusCode, 404);
    const wrongContainer = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/ready-nb/pod/ready-nb-0/logs?container=sidecar`,
      headers: asUser(bob),
    });
    assert.equal(wrongContainer.statusCode, 400);
    assert.equal(json(wrongContainer).details[0].field, '/query/container');
    const badQuery = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/ready-nb/pod/ready-nb-0/logs?tailLines=0`,
      headers: asUser(bob),
    });
    assert.equal(badQuery.statusCode, 400);
    // no kubelet here: the API server answers an empty log for a pod without a node
    const logs = await app.inject({
      url: `/api/namespaces/${ns}/notebooks/ready-nb/pod/ready-nb-0/logs?tailLines=10&sinceSeconds=60`,
      headers: asUser(bob),
    });
    assert.equal(logs.statusCode, 200);
    assert.deepEqual(json(logs), { success: true, status: 200, user: bob.name, logs: [''] });
  });

  it('lists the events of a notebook', async () => {
    const body = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks/warn-nb/events`, headers: asUser(bob) }),
    );
    // every field of the Event, as the API server holds it
    const stored = await (await adminKube()).get(resources.events, ns, 'warn-nb.1');
    assert.deepEqual(body, { success: true, status: 200, user: bob.name, events: [served(stored)] });
    assert.equal((stored as { reason?: string }).reason, 'FailedCreate');
    const none = json(
      await app.inject({ url: `/api/namespaces/${ns}/notebooks/ready-nb/events`, headers: asUser(bob) }),
    );
    assert.deepEqual(none.events, []);
  });

  it('refuses callers without permission on every read', async () => {
    const cases: [string, string][] = [
      [`/api/namespaces/${ns}/notebooks`, 'list kubeflow.org/v1beta1/notebooks'],
      [`/api/namespaces/${ns}/notebooks/ready-nb`, 'get kubeflow.org/v1beta1/notebooks'],
      [`/api/namespaces/${ns}/notebooks/ready-nb/pod`, 'list v1/pods'],
      [`/api/namespaces/${ns}/notebooks/ready-nb/pod/ready-nb-0/logs`, 'get v1/pods/log'],
      [`/api/namespaces/${ns}/notebooks/ready-nb/events`, 'list v1/events'],
    ];
    for (const [url, what] of cases) {
      const res = await app.inject({ url, headers: asUser(mallory) });
      assert.equal(res.statusCode, 403, url);
      assert.equal(json(res).log, `User '${mallory.name}' is not authorized to ${what} in namespace '${ns}'`);
    }
    const other = await app.inject({ url: `/api/namespaces/${otherNs}/notebooks`, headers: asUser(alice) });
    assert.equal(other.statusCode, 403);
  });

  it('refuses bad names', async () => {
    const res = await app.inject({ url: `/api/namespaces/${ns}/notebooks/Bad_Name`, headers: asUser(bob) });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).details[0].field, '/params/name');
  });
});
