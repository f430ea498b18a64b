import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import http from 'node:http';
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
  { timeout: (SECONDS + 180) * 1000 },
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
      { timeout: (SECONDS + 120) * 1000 },
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
        // Warm-up: JIT, watch caches, answer caches filling to their caps, connection pools.
        await runFor(WARMUP_SECONDS);
        const socketsBefore = sockets(pid);
        statuses.clear();
        const started = Date.now();
        const samples: number[] = [];
        const heap: number[] = [];
        const sampler = setInterval(() => {
          samples.push(rssMegabytes(pid));
          void metric(service.url, 'nodejs_heap_size_used_bytes').then((bytes) =>
            heap.push(Math.round(bytes / 2 ** 20)),
          );
        }, 2000);
        await runFor(SECONDS);
        clearInterval(sampler);
        // Growth is the trend of the peaks: RSS under load is a sawtooth (the heap grows until a
        // major collection), so single readings, or medians of a window, mostly show where the
        // collector happened to be. A leak raises the peaks; compare the highest reading of the
        // first half with the highest of the second.
        const half = Math.max(1, Math.floor(samples.length / 2));
        const rssBefore = Math.max(...samples.slice(0, half));
        const rssAfter = Math.max(...samples.slice(half));
        const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
        await new Promise((r) => setTimeout(r, 2000));
        const socketsAfter = sockets(pid);
        const streamsOpen = await metric(service.url, 'live_list_streams');
        Object.assign(figures, {
          seconds: SECONDS,
          requests,
          requestsPerSecond: Math.round(requests / ((Date.now() - started) / 1000)),
          statuses: Object.fromEntries(statuses),
          rssMB: {
            samples,
            firstHalfPeak: rssBefore,
            secondHalfPeak: rssAfter,
            growthPercent: Math.round(((rssAfter - rssBefore) / rssBefore) * 1000) / 10,
          },
          heapUsedMB: heap,
          sockets: { before: socketsBefore, after: socketsAfter },
          streamsOpenAfter: streamsOpen,
        });
        const errors = [...statuses.entries()].filter(([status]) => status >= 500 || status === 0);
        assert.deepEqual(errors, [], 'no 5xx');
        assert.ok(rssAfter <= rssBefore * 1.1, `RSS peaks grew from ${rssBefore} to ${rssAfter} MB`);
        assert.ok(
          socketsAfter <= socketsBefore + 5,
          `sockets: ${socketsBefore} before, ${socketsAfter} after`,
        );
        assert.equal(streamsOpen, 0, 'every dropped stream was cleaned up');
      },
    );
  },
);
