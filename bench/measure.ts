/** Load, process and API-server measurements for the benchmark. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Requests of the unmeasured warm-up before the measured run. */
  warmupRequests: number;
  bytesPerRequest: number;
  apiServerRequests?: number;
  apiServerRequestsPer100?: number;
  /** Measured runs the figures are the medians of. */
  runs?: number;
}

const WRK_REPORT = join(dirname(fileURLToPath(import.meta.url)), 'wrk-report.lua');

interface WrkReport {
  requests: number;
  durationUs: number;
  bytes: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  non2xx: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const ms = (microseconds: number) => Math.round(microseconds / 10) / 100;

/**
 * Closed-loop load with wrk (C, one thread): `connections` keep-alive connections, each sending
 * its next request when the answer arrives. A load generator written in JavaScript spends more
 * CPU parsing large answers than the server spends sending them, and on two cores it would
 * measure itself; wrk leaves the second core to the server.
 */
export async function load(
  name: string,
  url: string,
  options: {
    connections?: number;
    seconds?: number;
    headers?: Record<string, string>;
    /** Unmeasured load first, so the JIT has compiled the hot path (every target gets the same). */
    warmupSeconds?: number;
    /** Measured runs; figures are the median of each over the runs (a noisy machine's outliers). */
    repeat?: number;
  } = {},
): Promise<LoadResult> {
  const warmup = options.warmupSeconds ?? 8;
  const warm = warmup > 0 ? await wrk(url, { ...options, seconds: warmup }) : undefined;
  const reports: WrkReport[] = [];
  for (let run = 0; run < (options.repeat ?? 1); run++) reports.push(await wrk(url, options));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const sum = (pick: (report: WrkReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.requests);
  return {
    name,
    rps: Math.round(median(reports.map((r) => r.requests / (r.durationUs / 1e6)))),
    p50: ms(median(reports.map((r) => r.p50))),
    p90: ms(median(reports.map((r) => r.p90))),
    p99: ms(median(reports.map((r) => r.p99))),
    errors: sum((r) => r.connectErrors + r.readErrors + r.writeErrors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    requests,
    warmupRequests: warm?.requests ?? 0,
    bytesPerRequest: requests ? Math.round(sum((r) => r.bytes) / requests) : 0,
    runs: reports.length,
  };
}

async function wrk(
  url: string,
  options: { connections?: number; seconds?: number; headers?: Record<string, string> },
): Promise<WrkReport> {
  const args = [
    '-t1',
    `-c${options.connections ?? 16}`,
    `-d${options.seconds ?? 8}s`,
    '--timeout',
    '10s',
    '-s',
    WRK_REPORT,
    ...Object.entries(options.headers ?? {}).flatMap(([header, value]) => ['-H', `${header}: ${value}`]),
    url,
  ];
  const { stdout } = await run('wrk', args);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as WrkReport;
  } catch {
    throw new Error(`wrk printed no report for ${url}: ${stdout.slice(-500)}`);
  }
}

function run(command: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} failed: ${err.message} ${stderr}`));
      else resolve({ stdout });
    });
  });
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
