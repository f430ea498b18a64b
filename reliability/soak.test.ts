import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bundleService } from '../tools/build/bundle.ts';
import { type ControlPlane, startControlPlane } from '../tools/control-plane/control-plane.ts';
import { SERVICES, type RunningService, startService } from '../tools/stack/start.ts';
import { writeClusterFile } from '../tools/test/cluster-file.ts';
import { rssMegabytes } from '../bench/measure.ts';
import type { headersFor as HeadersFor } from './fixtures.ts';

/** SOAK_SECONDS=600 for the full ten minutes; the test suite runs one minute. */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONCURRENCY = 32;
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 30);

function sockets(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

describe(
  `soak: mixed workload at concurrency ${CONCURRENCY} for ${SECONDS} s`,
  { timeout: (SECONDS + 360) * 1000 },
  () => {
    let service: RunningService;
    let namespace: string;
    let plane: ControlPlane;
    let headersFor: typeof HeadersFor;
    const figures: Record<string, unknown> = {};

    // A control plane of its own: the service caches every notebook, pod and event in the
    // cluster, and other test files add theirs all the time, which would read as memory growth.
    before(async () => {
      plane = await startControlPlane();
      process.env.KF_TEST_CLUSTER = await writeClusterFile(plane, 'soak-cluster.json');
      // Imported only now: the fixtures read the cluster file when they load.
      const fixtures = await import('./fixtures.ts');
      const { testCluster } = await import('../shared/test-support/index.ts');
      headersFor = fixtures.headersFor;
      namespace = await fixtures.tenantNamespace('soak');
      await fixtures.tenantObjects(namespace);
      const kubeconfig = testCluster().serviceKubeconfigs?.['jupyter-api'] ?? testCluster().adminKubeconfig;
      // The production build (one bundle), as the image runs it.
      await bundleService('jupyter-api');
      service = await startService(
        SERVICES.find((s) => s.name === 'jupyter-api')!,
        kubeconfig,
        { LOG_LEVEL_DEBUG: 'false' },
        true,
        ['--expose-gc', '--import', join(import.meta.dirname, 'gc-on-signal.mjs')],
      );
    });
    after(async () => {
      if (service) {
        const exited = new Promise((resolve) => service.child.once('exit', resolve));
        service.child.kill('SIGTERM');
        await exited;
      }
      const { adminKube } = await import('../shared/test-support/index.ts');
      (await adminKube()).close();
      await plane?.stop();
      console.log(`# soak figures: ${JSON.stringify(figures)}`);
    });

    it(
      'answers without a 5xx, keeps RSS flat, and leaks no sockets or streams',
      { timeout: (SECONDS + 240) * 1000 },
      async () => {
        const headers = { ...headersFor('contributor'), 'content-type': 'application/json' };
        const base = `${service.url}/api/namespaces/${namespace}/notebooks`;
        const statuses = new Map<number, number>();
        const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
        let serial = 0;
        const one = async (worker: number) => {
          const pick = serial++ % 10;
          if (pick <= 4) return count((await fetch(base, { headers })).status);
          if (pick === 5) return count((await fetch(`${base}/m-nb`, { headers })).status);
          const name = `soak-${worker}-${serial % 4}`;
          if (pick === 6) {
            const res = await fetch(base, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                name,
                image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0',
                workspace: null,
                datavols: [],
              }),
            });
            return count(res.status);
          }
          if (pick === 7)
            return count(
              (
                await fetch(`${base}/${name}`, {
                  method: 'PATCH',
                  headers,
                  body: JSON.stringify({ stopped: serial % 2 === 0 }),
                })
              ).status,
            );
          if (pick === 8)
            return count(
              (await fetch(`${base}/${name}`, { method: 'DELETE', headers: headersFor('contributor') }))
                .status,
            );
          // A stream opened, read for a moment, and dropped (as a closing browser tab would).
          await new Promise<void>((resolve) => {
            const request = http.get(`${base}?watch=true`, { headers }, (res) => {
              count(res.statusCode ?? 0);
              res.once('data', () =>
                setTimeout(() => {
                  request.destroy();
                  resolve();
                }, 50),
              );
            });
            request.on('error', () => resolve());
          });
        };
        const runFor = async (seconds: number) => {
          const until = Date.now() + seconds * 1000;
          await Promise.all(
            Array.from({ length: CONCURRENCY }, async (_unused, worker) => {
              while (Date.now() < until) await one(worker);
            }),
          );
        };
        const pid = service.child.pid!;
        // JavaScript memory still in use: after a full collection (the test-only preload runs
        // one on SIGUSR2), with the load paused for a moment. Heap readings taken under load
        // mostly show where the collector happened to be in its cycle.
        const settled = async () => {
          service.child.kill('SIGUSR2');
          await new Promise((r) => setTimeout(r, 1500));
          const mb = async (name: string) => Math.round((await metric(service.url, name)) / 2 ** 20);
          return {
            rss: rssMegabytes(pid),
            heap: await mb('nodejs_heap_size_used_bytes'),
            heapTotal: await mb('nodejs_heap_size_total_bytes'),
            external: await mb('nodejs_external_memory_bytes'),
          };
        };
        // RSS under load, every 2 s from the start. Under load RSS climbs while the collector
        // defers major collections and drops when one runs, a cycle of a minute or two when the
        // machine is busy; a forced full collection resets it, and RSS then climbs back to a
        // plateau within about 10 s. So the soak starts with a forced collection and 20 s of
        // load, and compares medians of 10 s of samples: the last 10 s of those 20 s against the
        // last 10 s of the soak.
        const samples: number[] = [];
        const sampler = setInterval(() => samples.push(rssMegabytes(pid)), 2000).unref();
        const recent = () => {
          const last = samples.slice(-5).sort((x, y) => x - y);
          return last[Math.floor(last.length / 2)] ?? rssMegabytes(pid);
        };
        // Warm-up: JIT, watch caches, answer caches filling to their caps, connection pools, and
        // the heap growing to its working size: at least WARMUP_SECONDS, then 10 s more at a time
        // while RSS still grew by 3% or more (at most 120 s in all; the other test files running
        // at the same time make the load slower and the growth longer).
        await runFor(WARMUP_SECONDS);
        let warmup = WARMUP_SECONDS;
        for (let last = recent(); warmup < 120; warmup += 10) {
          await runFor(10);
          const now = recent();
          if (now < last * 1.03) break;
          last = now;
        }
        const before = await settled();
        // Sockets are read at the same point both times: after a forced collection and the
        // metrics reads it makes, with the load paused (the soak's own connections idle).
        const socketsBefore = sockets(pid);
        // RSS climbs back after the forced collection; on a busy machine that takes longer, so
        // the same plateau rule as the warm-up: 20 s, then 10 s more while it still grew by 2%
        // or more (at most 60 s).
        await runFor(20);
        for (let last = recent(), regrow = 20; regrow < 60; regrow += 10) {
          await runFor(10);
          const now = recent();
          if (now < last * 1.02) break;
          last = now;
        }
        const rssBefore = recent();
        const warmupSamples = samples.length;
        statuses.clear();
        const started = Date.now();
        await runFor(SECONDS);
        const rssAfter = recent();
        clearInterval(sampler);
        const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
        const seconds = (Date.now() - started) / 1000;
        const after = await settled();
        const socketsAfter = sockets(pid);
        const streamsOpen = await metric(service.url, 'live_list_streams');
        const growth = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 10;
        Object.assign(figures, {
          seconds: SECONDS,
          warmupSeconds: warmup,
          requests,
          requestsPerSecond: Math.round(requests / seconds),
          statuses: Object.fromEntries(statuses),
          rssUnderLoadMB: { before: rssBefore, after: rssAfter, growthPercent: growth(rssBefore, rssAfter) },
          afterFullCollection: {
            heapUsedMB: {
              before: before.heap,
              after: after.heap,
              growthPercent: growth(before.heap, after.heap),
            },
            rssMB: { before: before.rss, after: after.rss },
            heapTotalMB: { before: before.heapTotal, after: after.heapTotal },
            externalMB: { before: before.external, after: after.external },
          },
          rssSamplesMB: { warmup: samples.slice(0, warmupSamples), soak: samples.slice(warmupSamples) },
          sockets: { before: socketsBefore, after: socketsAfter },
          streamsOpenAfter: streamsOpen,
        });
        const errors = [...statuses.entries()].filter(([status]) => status >= 500 || status === 0);
        assert.deepEqual(errors, [], 'no 5xx');
        assert.ok(rssAfter <= rssBefore * 1.1, `RSS under load grew from ${rssBefore} to ${rssAfter} MB`);
        assert.ok(
          after.heap <= before.heap * 1.1,
          `memory in use grew from ${before.heap} to ${after.heap} MB`,
        );
        assert.ok(
          socketsAfter <= socketsBefore + 5,
          `sockets: ${socketsBefore} before, ${socketsAfter} after`,
        );
        assert.equal(streamsOpen, 0, 'every dropped stream was cleaned up');
      },
    );
  },
);
