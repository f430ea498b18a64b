/** Load, process and API-server measurements for the benchmark. */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { KubeClient } from '@kf-ts/shared';

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  bytesPerRequest: number;
  apiServerRequests?: number;
  apiServerRequestsPer100?: number;
}

export async function load(
  name: string,
  url: string,
  options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 16,
    duration: options.seconds ?? 8,
    headers: options.headers,
  });
  const requests = result.requests.total;
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests,
    bytesPerRequest: requests ? Math.round(result.throughput.total / requests) : 0,
  };
}

/** The API server's own count of requests it served (apiserver_request_total, all labels). */
export async function apiServerRequestCount(admin: KubeClient): Promise<number> {
  const text = await admin.request<string>('GET', '/metrics', { text: true });
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('apiserver_request_total{')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Runs `count` async jobs with at most `concurrency` at once. */
export async function pool(count: number, concurrency: number, job: (index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}
