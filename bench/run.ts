/**
 * `npm run bench`: measures the services against the API server they replace and against a bare
 * Fastify route (the ceiling), in one run on this machine, and writes docs/PERFORMANCE.md and
 * bench/results/latest.json. BENCH_SCALE=small runs a quick version (for development).
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import type { ClientRequest } from 'node:http';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { KubeClient, type KubeObject, resources } from '@kf-ts/shared';
import { REPO_ROOT, freePort, startControlPlane } from '../tools/control-plane/control-plane.ts';
import { SERVICES, buildServices, startService, type RunningService } from '../tools/stack/start.ts';
import {
  type LoadResult,
  apiServerRequestCount,
  cpuSeconds,
  load,
  pool,
  rssMegabytes,
  timed,
} from './measure.ts';
import { writeReport } from './report.ts';
import * as seed from './seed.ts';

const SMALL = process.env.BENCH_SCALE === 'small';
const SCALE = SMALL
  ? {
      big: 200,
      curve: [50, 200, 500],
      total: 1000,
      pvcs: 200,
      tensorboards: 200,
      profiles: 100,
      subscribers: 50,
    }
  : {
      big: 1000,
      curve: [100, 1000, 5000],
      total: 10_000,
      pvcs: 1000,
      tensorboards: 1000,
      profiles: 500,
      subscribers: 200,
    };
const SECONDS = SMALL ? 4 : 8;
const USER = 'bench@example.com';
const log = (message: string) => console.log(`[bench] ${message}`);
const started = Date.now();

const results: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    scale: SMALL ? 'small' : 'full',
  },
};
const loads: LoadResult[] = [];

execFileSync('bash', [join(REPO_ROOT, 'tools', 'apt-install.sh'), 'wrk', 'wrk'], { stdio: 'inherit' });
log('bundling the services (esbuild), to measure them as the production image runs them');
await buildServices();
const plane = await startControlPlane({ users: [{ name: USER, groups: [] }] });
const admin = await KubeClient.fromFile(plane.adminKubeconfig, { requestTimeoutMs: 60_000 });
const services: RunningService[] = [];
const stopAll = async () => {
  for (const service of services) service.child.kill('SIGTERM');
  admin.close();
  await plane.stop();
};

try {
  // Kubeflow's aggregated roles are filled by the controller manager.
  for (let i = 0; i < 100; i++) {
    const role = await admin.get<KubeObject & { rules?: unknown[] }>(
      {
        group: 'rbac.authorization.k8s.io',
        version: 'v1',
        plural: 'clusterroles',
        kind: 'ClusterRole',
        namespaced: false,
      },
      undefined,
      'kubeflow-edit',
    );
    if ((role.rules ?? []).length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const userHeaders = { 'kubeflow-userid': USER };
  const adminHeaders = { 'kubeflow-userid': 'kf-admin', 'kubeflow-groups': 'system:masters' };
  const serviceByName = (name: string) => SERVICES.find((service) => service.name === name)!;

  // ---- Phase 1: a small namespace in an otherwise empty cluster, and the 1,000-notebook namespace.
  const seeding: Record<string, number> = {};
  await seed.namespace(admin, 'bench-small', USER);
  seeding.small = (await timed(() => seed.notebooks(admin, 'bench-small', 10))).ms;
  const jupyterStart = await timed(() =>
    startService(serviceByName('jupyter-api'), plane.adminKubeconfig, {}, true),
  );
  let jupyter = jupyterStart.value;
  services.push(jupyter);
  const smallEmpty = await load(
    'jupyter: 10-notebook namespace, cluster otherwise empty',
    `${jupyter.url}/api/namespaces/bench-small/notebooks`,
    { headers: userHeaders, seconds: SECONDS },
  );
  loads.push(smallEmpty);

  await seed.namespace(admin, 'bench-1k', USER);
  seeding.big = (await timed(() => seed.notebooks(admin, 'bench-1k', SCALE.big, { pvcs: true }))).ms;
  log(`seeded ${SCALE.big} notebooks + PVCs in ${Math.round(seeding.big)} ms`);
  await waitForCount(`${jupyter.url}/api/namespaces/bench-1k/notebooks`, userHeaders, 'notebooks', SCALE.big);

  // ---- Phase 2: the notebook list against its baselines.
  const sample = await fetch(`${jupyter.url}/api/namespaces/bench-1k/notebooks`, { headers: userHeaders });
  const payloadBytes = (await sample.arrayBuffer()).byteLength;
  const bare = await startBare(payloadBytes);
  loads.push(
    await load(
      `bare Fastify route, pre-built ${Math.round(payloadBytes / 1024)} KiB payload (ceiling)`,
      `${bare.url}/payload`,
      { seconds: SECONDS, repeat: 3 },
    ),
  );
  bare.child.kill();
  loads.push(
    await withApiServerCount(`jupyter-api: list ${SCALE.big} notebooks (summaries with status)`, () =>
      load('', `${jupyter.url}/api/namespaces/bench-1k/notebooks`, {
        headers: userHeaders,
        seconds: SECONDS,
        repeat: 3,
      }),
    ),
  );
  // As a browser asks for it (the SPAs' fetches always accept gzip): the same list, compressed once
  // per version, a twentieth of the bytes.
  loads.push(
    await load(
      `jupyter-api: list ${SCALE.big} notebooks, gzip (as browsers ask)`,
      `${jupyter.url}/api/namespaces/bench-1k/notebooks`,
      { headers: { ...userHeaders, 'accept-encoding': 'gzip' }, seconds: SECONDS, repeat: 3 },
    ),
  );
  loads.push(
    await withApiServerCount(`API server: list ${SCALE.big} Notebooks (resourceVersion=0)`, () =>
      load('', `${plane.server}/apis/kubeflow.org/v1beta1/namespaces/bench-1k/notebooks?resourceVersion=0`, {
        headers: { authorization: `Bearer ${plane.adminToken}` },
        seconds: SECONDS,
      }),
    ),
  );
  results.jupyterReady = { ms: Math.round(jupyterStart.ms), rssMB: rssMegabytes(jupyter.child.pid!) };

  // ---- Phase 3: what a poll costs (bytes and server CPU), 200 vs 304, compressed or not.
  results.polling = await pollingFigures(
    jupyter,
    `${jupyter.url}/api/namespaces/bench-1k/notebooks`,
    userHeaders,
  );

  // ---- Phase 4: live updates instead of polling.
  results.live = await liveFigures(jupyter, userHeaders);

  // ---- Phase 5: creating a notebook with a new workspace volume (in a namespace of its own: the
  // 10-notebook namespace is measured again in phase 6).
  await seed.namespace(admin, 'bench-create', USER);
  results.create = await createFigures(jupyter, userHeaders);

  // ---- Phase 6: the curve and a busy cluster.
  const curve: { notebooks: number; rps: number; p50: number; p99: number }[] = [];
  for (const count of SCALE.curve) {
    const ns = count === SCALE.big ? 'bench-1k' : `bench-${count}`;
    if (count !== SCALE.big) {
      await seed.namespace(admin, ns, USER);
      await seed.notebooks(admin, ns, count);
      await waitForCount(`${jupyter.url}/api/namespaces/${ns}/notebooks`, userHeaders, 'notebooks', count);
    }
  }
  const seeded = 10 + SCALE.curve.reduce((sum, count) => sum + count, 0);
  if (SCALE.total > seeded) {
    await seed.namespace(admin, 'bench-bulk', USER);
    seeding.bulk = (await timed(() => seed.notebooks(admin, 'bench-bulk', SCALE.total - seeded))).ms;
    await waitForCount(
      `${jupyter.url}/api/namespaces/bench-bulk/notebooks`,
      userHeaders,
      'notebooks',
      SCALE.total - seeded,
    );
  }
  results.seedingMs = seeding;
  for (const count of SCALE.curve) {
    const ns = count === SCALE.big ? 'bench-1k' : `bench-${count}`;
    const result = await load(
      `jupyter-api: list ${count} notebooks`,
      `${jupyter.url}/api/namespaces/${ns}/notebooks`,
      { headers: userHeaders, seconds: Math.max(3, SECONDS / 2) },
    );
    curve.push({ notebooks: count, rps: result.rps, p50: result.p50, p99: result.p99 });
  }
  results.curve = curve;
  const smallBusy = await load(
    `jupyter: 10-notebook namespace, ${SCALE.total} notebooks cluster-wide`,
    `${jupyter.url}/api/namespaces/bench-small/notebooks`,
    { headers: userHeaders, seconds: SECONDS },
  );
  loads.push(smallBusy);
  results.smallNamespace = { empty: smallEmpty.rps, busy: smallBusy.rps };

  // Restart with the whole cluster seeded: time to ready and memory.
  jupyter.child.kill('SIGTERM');
  await new Promise((r) => jupyter.child.once('exit', r));
  services.splice(services.indexOf(jupyter), 1);
  const restart = await timed(() =>
    startService(serviceByName('jupyter-api'), plane.adminKubeconfig, {}, true),
  );
  jupyter = restart.value;
  services.push(jupyter);
  await load('warm-up', `${jupyter.url}/api/namespaces/bench-1k/notebooks`, {
    headers: userHeaders,
    seconds: 2,
  });
  results.jupyterAtScale = {
    notebooks: SCALE.total,
    readyMs: Math.round(restart.ms),
    rssMB: rssMegabytes(jupyter.child.pid!),
  };

  // ---- Phase 7: the other lists.
  const volumes = await startService(serviceByName('volumes-api'), plane.adminKubeconfig, {}, true);
  services.push(volumes);
  loads.push(
    await withApiServerCount(`volumes-api: list ${SCALE.pvcs} PVCs with notebook usage`, () =>
      load('', `${volumes.url}/api/namespaces/bench-1k/pvcs`, { headers: userHeaders, seconds: SECONDS }),
    ),
  );
  loads.push(
    await withApiServerCount(`API server: list ${SCALE.pvcs} PVCs (resourceVersion=0)`, () =>
      load('', `${plane.server}/api/v1/namespaces/bench-1k/persistentvolumeclaims?resourceVersion=0`, {
        headers: { authorization: `Bearer ${plane.adminToken}` },
        seconds: SECONDS,
      }),
    ),
  );

  await seed.namespace(admin, 'bench-tb', USER);
  await seed.tensorboards(admin, 'bench-tb', SCALE.tensorboards);
  const tensorboards = await startService(serviceByName('tensorboards-api'), plane.adminKubeconfig, {}, true);
  services.push(tensorboards);
  loads.push(
    await withApiServerCount(`tensorboards-api: list ${SCALE.tensorboards} TensorBoards`, () =>
      load('', `${tensorboards.url}/api/namespaces/bench-tb/tensorboards`, {
        headers: userHeaders,
        seconds: SECONDS,
      }),
    ),
  );
  loads.push(
    await withApiServerCount(`API server: list ${SCALE.tensorboards} Tensorboards (resourceVersion=0)`, () =>
      load(
        '',
        `${plane.server}/apis/tensorboard.kubeflow.org/v1alpha1/namespaces/bench-tb/tensorboards?resourceVersion=0`,
        { headers: { authorization: `Bearer ${plane.adminToken}` }, seconds: SECONDS },
      ),
    ),
  );

  await seed.profiles(admin, SCALE.profiles, 'kf-admin');
  const profiles = await startService(serviceByName('profiles-api'), plane.adminKubeconfig, {}, true);
  services.push(profiles);
  loads.push(
    await withApiServerCount(
      `profiles-api: KFAM bindings list, ${SCALE.profiles} profiles, as cluster admin`,
      () => load('', `${profiles.url}/kfam/v1/bindings`, { headers: adminHeaders, seconds: SECONDS }),
    ),
  );
  loads.push(
    await withApiServerCount(`API server: list RoleBindings in all namespaces (resourceVersion=0)`, () =>
      load('', `${plane.server}/apis/rbac.authorization.k8s.io/v1/rolebindings?resourceVersion=0`, {
        headers: { authorization: `Bearer ${plane.adminToken}` },
        seconds: SECONDS,
      }),
    ),
  );
  results.rssMB = Object.fromEntries(
    services.map((service) => [service.name, rssMegabytes(service.child.pid!)]),
  );
} finally {
  results.loads = loads;
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  await stopAll();
}
writeReport(results, SMALL);
log(`done in ${results.durationSeconds} s: docs/PERFORMANCE.md, bench/results/latest.json`);

// ---------------------------------------------------------------------------------------------

async function withApiServerCount(name: string, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const ownTarget = name.startsWith('API server');
  // Background traffic (the controller manager, watches, leases), as a rate measured just before.
  let backgroundPerMs = 0;
  if (!ownTarget) {
    const idle = await timed(async () => {
      const first = await apiServerRequestCount(admin);
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      return (await apiServerRequestCount(admin)) - first - 1;
    });
    backgroundPerMs = Math.max(0, idle.value) / idle.ms;
  }
  const before = await apiServerRequestCount(admin);
  const { value: result, ms } = await timed(run);
  const after = await apiServerRequestCount(admin);
  // One of the two /metrics reads is in the delta; the background over the same time is not ours.
  const made = Math.max(0, Math.round(after - before - 1 - backgroundPerMs * ms));
  // Every list request of the window counts, the unmeasured warm-up ones too.
  const sent = result.requests + result.warmupRequests;
  return {
    ...result,
    name,
    apiServerRequests: ownTarget ? undefined : made,
    apiServerRequestsPer100: ownTarget || !sent ? undefined : Math.round((made / sent) * 100 * 1000) / 1000,
  };
}

async function waitForCount(url: string, headers: Record<string, string>, field: string, count: number) {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(url, { headers });
    if (res.ok) {
      const body = (await res.json()) as Record<string, unknown[]>;
      if ((body[field]?.length ?? 0) >= count) return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never showed ${count} ${field}`);
}

async function startBare(bytes: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(join(REPO_ROOT, 'bench', 'bare-server.ts'), [String(bytes)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(port) },
  });
  await new Promise((resolve) => child.once('message', resolve));
  return { url: `http://127.0.0.1:${port}`, child };
}

async function pollingFigures(service: RunningService, url: string, headers: Record<string, string>) {
  const polls = SMALL ? 50 : 200;
  const pid = service.child.pid!;
  const first = await fetch(url, { headers });
  const etag = first.headers.get('etag') ?? '';
  await first.arrayBuffer();
  const measure = async (name: string, extra: Record<string, string>) => {
    const cpuBefore = cpuSeconds(pid);
    let bytes = 0;
    let status = 0;
    const wall = await timed(async () => {
      for (let i = 0; i < polls; i++) {
        // Node's fetch decompresses; count what crossed the wire from the headers.
        const res = await fetch(url, { headers: { ...headers, ...extra } });
        const body = Buffer.from(await res.arrayBuffer());
        status = res.status;
        bytes += Number(res.headers.get('content-length') ?? body.length);
      }
    });
    return {
      name,
      status,
      bytesPerPoll: Math.round(bytes / polls),
      serverCpuMsPerPoll: Math.round(((cpuSeconds(pid) - cpuBefore) * 1000 * 100) / polls) / 100,
      wallMsPerPoll: (Math.round((wall.ms / polls) * 100) / 100) as number | undefined,
    };
  };
  const rows = [
    await measure('200, identity', { 'accept-encoding': 'identity' }),
    await measure('200, gzip', { 'accept-encoding': 'gzip' }),
    await measure('200, br', { 'accept-encoding': 'br' }),
    await measure('304 (If-None-Match)', { 'if-none-match': etag, 'accept-encoding': 'gzip' }),
  ];
  // A changed list: every poll follows a change, so each answer is rebuilt, serialized and compressed.
  const changed = async (encoding: string) => {
    const cpuBefore = cpuSeconds(pid);
    const n = SMALL ? 10 : 30;
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      await admin.patch(
        resources.notebooks,
        'bench-1k',
        'nb-00001',
        { metadata: { labels: { poll: String(Date.now()) + i } } },
        'merge',
      );
      await new Promise((r) => setTimeout(r, 30));
      const res = await fetch(url, { headers: { ...headers, 'accept-encoding': encoding } });
      bytes += Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
    }
    return {
      name: `200 after a change, ${encoding}`,
      status: 200,
      bytesPerPoll: Math.round(bytes / n),
      serverCpuMsPerPoll: Math.round(((cpuSeconds(pid) - cpuBefore) * 1000 * 100) / n) / 100,
      wallMsPerPoll: undefined as number | undefined,
    };
  };
  rows.push(await changed('identity'), await changed('gzip'));
  return { polls, rows };
}

async function liveFigures(service: RunningService, headers: Record<string, string>) {
  const http = await import('node:http');
  const pid = service.child.pid!;
  const received: number[] = [];
  let marker = '';
  const requests = await Promise.all(
    Array.from(
      { length: SCALE.subscribers },
      (_unused, index) =>
        new Promise<ClientRequest>((resolve) => {
          const request = http.get(
            `${service.url}/api/namespaces/bench-small/notebooks?watch=true`,
            { headers },
            (res) => {
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                if (marker && chunk.includes(marker) && received[index] === undefined)
                  received[index] = Date.now();
              });
              resolve(request);
            },
          );
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 1000));
  const idleSeconds = SMALL ? 5 : 20;
  const cpuBefore = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idleCpu = cpuSeconds(pid) - cpuBefore;
  marker = `live-${Date.now()}`;
  const changedAt = Date.now();
  await admin.patch(
    resources.notebooks,
    'bench-small',
    'nb-00001',
    { metadata: { labels: { marker } } },
    'merge',
  );
  for (let i = 0; i < 100 && received.filter(Boolean).length < SCALE.subscribers; i++)
    await new Promise((r) => setTimeout(r, 50));
  const delays = received
    .filter(Boolean)
    .map((at) => at - changedAt)
    .sort((a, b) => a - b);
  for (const request of requests) request.destroy();
  return {
    subscribers: SCALE.subscribers,
    idleSeconds,
    idleCpuPercentOfOneCore: Math.round((idleCpu / idleSeconds) * 100 * 100) / 100,
    reached: delays.length,
    changeToSubscriberMs: { p50: delays[Math.floor(delays.length / 2)] ?? null, max: delays.at(-1) ?? null },
  };
}

async function createFigures(service: RunningService, headers: Record<string, string>) {
  const count = SMALL ? 5 : 15;
  const csrf = { cookie: 'XSRF-TOKEN=bench', 'x-xsrf-token': 'bench', 'content-type': 'application/json' };
  const latencies: number[] = [];
  const before = await apiServerRequestCount(admin);
  await pool(count, 1, async (index) => {
    const body = {
      name: `created-${index}`,
      image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
      cpu: '0.5',
      memory: '1Gi',
      workspace: {
        mount: '/home/jovyan',
        newPvc: {
          metadata: { name: '{notebook-name}-workspace' },
          spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
        },
      },
      datavols: [],
    };
    const { value, ms } = await timed(() =>
      fetch(`${service.url}/api/namespaces/bench-create/notebooks`, {
        method: 'POST',
        headers: { ...headers, ...csrf },
        body: JSON.stringify(body),
      }),
    );
    if (!value.ok) throw new Error(`create failed: ${value.status} ${await value.text()}`);
    latencies.push(ms);
  });
  const after = await apiServerRequestCount(admin);
  latencies.sort((a, b) => a - b);
  return {
    creates: count,
    p50Ms: Math.round(latencies[Math.floor(count / 2)]!),
    maxMs: Math.round(latencies.at(-1)!),
    apiServerCallsPerCreate: Math.round(((after - before - 1) / count) * 10) / 10,
  };
}
