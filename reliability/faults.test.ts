import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { KubeClient, type KubeObject, resources } from '@kf-ts/shared';
import { type ControlPlane, startControlPlane } from '../tools/control-plane/control-plane.ts';
import { buildApp } from '../services/jupyter-api/src/app.ts';
import { loadServiceConfig } from '../services/jupyter-api/src/config.ts';

const USER = 'faults@example.com';
const headers = {
  'kubeflow-userid': USER,
  cookie: 'XSRF-TOKEN=f',
  'x-xsrf-token': 'f',
  'content-type': 'application/json',
};
const DOWN_MS = 10_000;

interface Sample {
  at: number;
  ms: number;
  status: number;
  kind: 'list' | 'create';
  name?: string;
  /** The answer's message, kept for anything but 200 and 503 so a failure says what it was. */
  message?: string;
}

/** Lists and creates in a loop until stopped; every answer's status and time recorded. */
function drive(app: FastifyInstance, namespace: string) {
  const samples: Sample[] = [];
  let running = true;
  let created = 0;
  const loop = async (kind: 'list' | 'create') => {
    while (running) {
      const started = Date.now();
      const name = kind === 'create' ? `w-${created++}` : undefined;
      const res = await app.inject(
        kind === 'list'
          ? { url: `/api/namespaces/${namespace}/notebooks`, headers }
          : {
              method: 'POST',
              url: `/api/namespaces/${namespace}/notebooks`,
              headers,
              payload: {
                name,
                image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
                workspace: null,
                datavols: [],
              },
            },
      );
      const odd = res.statusCode !== 200 && res.statusCode !== 503;
      samples.push({
        at: started,
        ms: Date.now() - started,
        status: res.statusCode,
        kind,
        name,
        message: odd ? `${kind} at ${started}: ${res.body.slice(0, 300)}` : undefined,
      });
      await new Promise((r) => setTimeout(r, kind === 'list' ? 20 : 150));
    }
  };
  const loops = [loop('list'), loop('list'), loop('create')];
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

// Its own control plane: stopping the shared one would break every other test file.
describe('faults: API server and etcd restarts under load', () => {
  let plane: ControlPlane;
  let admin: KubeClient;
  let app: FastifyInstance;
  const namespace = 'faults';
  const report: Record<string, unknown> = {};

  before(async () => {
    plane = await startControlPlane({ withControllerManager: false, users: [{ name: USER, groups: [] }] });
    admin = await KubeClient.fromFile(plane.adminKubeconfig);
    await admin.create(resources.namespaces, undefined, { metadata: { name: namespace } });
    await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      body: {
        metadata: { name: 'faults-user' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USER }],
      },
    });
    app = await buildApp({
      config: loadServiceConfig({
        APP_SECURE_COOKIES: 'false',
        AUTHZ_TIMEOUT_MS: '1500',
        KUBE_REQUEST_TIMEOUT_MS: '2000',
        SPAWNER_CONFIG_PATH: '/nonexistent/spawner.yaml',
      }),
      kube: await KubeClient.fromFile(plane.adminKubeconfig, { requestTimeoutMs: 2000 }),
      logger: false,
    });
    await app.ready();
    await app.caches.waitForSync();
  });
  after(async () => {
    await app?.close();
    admin?.close();
    await plane?.stop();
    console.log(`# fault figures: ${JSON.stringify(report)}`);
  });

  for (const part of ['apiServer', 'etcd'] as const) {
    it(`${part} stopped for ${DOWN_MS / 1000} s: bounded answers while down, no errors 10 s after, caches resync, no acknowledged write lost`, async () => {
      const load = drive(app, namespace);
      await new Promise((r) => setTimeout(r, 1500));
      const downAt = Date.now();
      await (part === 'apiServer' ? plane.stopApiServer() : plane.stopEtcd());
      await new Promise((r) => setTimeout(r, DOWN_MS));
      await (part === 'apiServer' ? plane.startApiServer() : plane.startEtcd());
      const upAt = Date.now();
      // A change made right after the return must reach the watch cache.
      const changed = `changed-after-${part.toLowerCase()}`;
      let writeOk = false;
      let lastWriteError = '';
      for (let attempt = 0; attempt < 100 && !writeOk; attempt++) {
        try {
          await admin.create(resources.notebooks, namespace, {
            apiVersion: 'kubeflow.org/v1beta1',
            kind: 'Notebook',
            metadata: { name: changed, namespace },
            spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
          } as KubeObject);
          writeOk = true;
        } catch (err) {
          lastWriteError = String(err);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await new Promise((r) => setTimeout(r, 12_000));
      await load.stop();

      const slowest = Math.max(...load.samples.map((sample) => sample.ms));
      const during = load.samples.filter((sample) => sample.at >= downAt && sample.at < upAt);
      const settled = load.samples.filter((sample) => sample.at >= upAt + 10_000);
      const firstClean = load.samples
        .filter((sample) => sample.at >= upAt && sample.status < 500)
        .map((sample) => sample.at)[0];
      report[part] = {
        requests: load.samples.length,
        whileDown: during.length,
        statusesWhileDown: [...new Set(during.map((sample) => sample.status))].sort(),
        slowestMs: slowest,
        firstSuccessAfterReturnMs: firstClean ? firstClean - upAt : null,
        oddWhileDown: during.flatMap((sample) => (sample.message ? [sample.message] : [])).slice(0, 3),
        downAt,
        upAt,
      };
      assert.ok(during.length > 0, 'requests were made while it was down');
      assert.ok(slowest < 5000, `every request answered within 5 s (slowest ${slowest} ms)`);
      assert.ok(
        during.every((sample) => sample.status === 200 || sample.status === 503),
        JSON.stringify(report[part]),
      );
      assert.ok(
        settled.length > 0 && settled.every((sample) => sample.status < 500),
        `no errors 10 s after the return: ${JSON.stringify(settled.filter((s) => s.status >= 500).slice(0, 3))}`,
      );
      // The watch cache saw the change made after the return.
      const listed = await app.inject({ url: `/api/namespaces/${namespace}/notebooks`, headers });
      const caches = (
        app as unknown as {
          caches: {
            all(): {
              resource: { plural: string };
              live: boolean;
              restarts: number;
              lastError?: string;
              size: number;
            }[];
          };
        }
      ).caches
        .all()
        .map(
          (cache) =>
            `${cache.resource.plural}: live=${cache.live} restarts=${cache.restarts} size=${cache.size} last=${cache.lastError}`,
        );
      assert.ok(
        (listed.json().notebooks as { name: string }[]).some((notebook) => notebook.name === changed),
        `cache resynchronised (writeOk=${writeOk} ${lastWriteError}, list ${listed.statusCode}; ${caches.join('; ')})`,
      );
      // Every create that was acknowledged exists.
      const acknowledged = load.samples
        .filter((sample) => sample.kind === 'create' && sample.status === 200)
        .map((sample) => sample.name!);
      const stored = new Set(
        (await admin.list(resources.notebooks, { namespace })).items.map((item) => item.metadata?.name),
      );
      const lost = acknowledged.filter((name) => !stored.has(name));
      assert.deepEqual(lost, [], 'no acknowledged write lost');
    });
  }
});
