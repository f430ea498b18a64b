import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startControlPlane, type ControlPlane } from '../../tools/control-plane/control-plane.ts';
import { KubeClient } from '../src/kube/kube-client.ts';
import { eventually } from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

// Runs on its own control plane: stopping the shared one would break the other test files.
describe('API server outage', () => {
  let plane: ControlPlane;
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  const user = { name: 'outage@example.com' };
  const url = '/api/namespaces/default/pods';
  const headers = { 'kubeflow-userid': user.name };

  before(async () => {
    plane = await startControlPlane({ withControllerManager: false, users: [] });
    const admin = await KubeClient.fromFile(plane.adminKubeconfig);
    await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      body: {
        metadata: { name: 'pod-lister' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
      },
    });
    await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      body: {
        metadata: { name: 'outage-user' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-lister' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user.name }],
      },
    });
    admin.close();
    const kube = await KubeClient.fromFile(plane.adminKubeconfig, { requestTimeoutMs: 2000 });
    // No SAR reuse, so every request needs the API server.
    app = await buildFixtureApp(
      { SAR_CACHE_ALLOW_TTL_SECONDS: '0', SAR_CACHE_DENY_TTL_SECONDS: '0', AUTHZ_TIMEOUT_MS: '1500' },
      kube,
    );
  });
  after(async () => {
    await app?.close();
    await plane?.stop();
  });

  it('answers 200 while the API server is up', async () => {
    assert.equal((await app.inject({ url, headers })).statusCode, 200);
  });

  it('turns checked routes into 503 within a bounded time while it is down, and recovers', async () => {
    await plane.stopApiServer();
    const started = Date.now();
    const res = await app.inject({ url, headers });
    const elapsed = Date.now() - started;
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().code, 'UPSTREAM_UNAVAILABLE');
    assert.match(res.json().log, /Could not check permissions/);
    assert.ok(elapsed < 3000, `answered in ${elapsed} ms`);
    const readiness = await app.inject({ url: '/healthz/readiness' });
    assert.equal(readiness.statusCode, 503, readiness.body);
    assert.equal(readiness.json().checks.apiServer, false);
    // Liveness is the process, not the API server.
    assert.equal((await app.inject({ url: '/healthz/liveness' })).statusCode, 200);

    await plane.startApiServer();
    await eventually(
      async () => ((await app.inject({ url, headers })).statusCode === 200 ? true : undefined),
      20_000,
      'recovery',
    );
    await eventually(
      async () => ((await app.inject({ url: '/healthz/readiness' })).statusCode === 200 ? true : undefined),
      20_000,
      'readiness',
    );
    // A caller without the right is told so again: the denial is believed once it is ready.
    const stranger = await app.inject({ url, headers: { 'kubeflow-userid': 'stranger@example.com' } });
    assert.equal(stranger.statusCode, 403, stranger.body);
  });

  it('resynchronises watch caches after the outage', async () => {
    const admin = await KubeClient.fromFile(plane.adminKubeconfig);
    await admin.request('POST', '/api/v1/namespaces', {
      body: { metadata: { name: 'created-after-outage' } },
    });
    const namespaces = app.caches.all().find((cache) => cache.resource.plural === 'namespaces')!;
    await eventually(() => namespaces.get(undefined, 'created-after-outage'), 20_000, 'namespace in cache');
    admin.close();
  });
});
