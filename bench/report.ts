/** Writes docs/PERFORMANCE.md and bench/results/latest.json from one run's results. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools/control-plane/control-plane.ts';
import type { LoadResult } from './measure.ts';

interface Results {
  machine: Record<string, unknown>;
  loads: LoadResult[];
  [key: string]: unknown;
}

const find = (loads: LoadResult[], prefix: string) => loads.find((load) => load.name.startsWith(prefix));
const ratio = (a?: number, b?: number) => (a && b ? Math.round((a / b) * 100) / 100 : undefined);
const mark = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');

export function writeReport(input: Record<string, unknown>, smallScale: boolean) {
  const results = input as Results;
  writeFileSync(
    join(REPO_ROOT, 'bench', 'results', smallScale ? 'latest-small.json' : 'latest.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  if (smallScale) return;
  const loads = results.loads ?? [];
  const apiNotebooks = find(loads, 'API server: list');
  const notebooks = find(loads, 'jupyter-api: list');
  const notebooksGzip = loads.find(
    (load) => load.name.startsWith('jupyter-api: list') && load.name.includes('gzip'),
  );
  const tailRatio = (load?: LoadResult) =>
    load ? Math.round((load.p99 / Math.max(load.p50, 0.01)) * 100) / 100 : undefined;
  const tailOk = (load?: LoadResult) =>
    load ? load.p99 <= 3 * load.p50 && load.errors === 0 && load.non2xx === 0 : undefined;
  const bare = find(loads, 'bare Fastify');
  const apiPvcs = find(loads, 'API server: list 1000 PVCs') ?? find(loads, 'API server: list');
  const pvcs = find(loads, 'volumes-api');
  const apiTb = find(loads, 'API server: list 1000 Tensorboards');
  const tb = find(loads, 'tensorboards-api');
  const apiRb = find(loads, 'API server: list RoleBindings');
  const bindings = find(loads, 'profiles-api');
  const notebookRatio = ratio(notebooks?.rps, apiNotebooks?.rps);
  const curve = (results.curve as { notebooks: number; rps: number; p50: number; p99: number }[]) ?? [];
  const small = results.smallNamespace as { empty: number; busy: number } | undefined;
  const scale = results.jupyterAtScale as { notebooks: number; readyMs: number; rssMB: number } | undefined;
  const live = results.live as
    | {
        subscribers: number;
        idleCpuPercentOfOneCore: number;
        reached: number;
        changeToSubscriberMs: { p50: number; max: number };
      }
    | undefined;
  const create = results.create as
    { creates: number; p50Ms: number; maxMs: number; apiServerCallsPerCreate: number } | undefined;
  const polling = results.polling as
    | {
        polls: number;
        rows: {
          name: string;
          status: number;
          bytesPerPoll: number;
          serverCpuMsPerPoll: number;
          wallMsPerPoll?: number;
        }[];
      }
    | undefined;
  const first = curve[0];
  const last = curve.at(-1);
  const curveLinear =
    first && last
      ? last.p50 / Math.max(first.p50, 0.5) <= (last.notebooks / first.notebooks) * 1.2
      : undefined;

  const m = results.machine;
  const lines: string[] = [
    '# Performance',
    '',
    `Latest run: \`npm run bench\` on ${String(m.date).slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; ${results.durationSeconds} s in all.`,
    'Everything below comes from that one run: the service, the API server baseline (same objects, `resourceVersion=0`, same concurrency) and the ceiling (a bare Fastify route answering a pre-built payload of the same size) were measured minutes apart on the same machine, so the ratios hold even when absolute numbers move with machine load. Load: wrk (one thread, written in C, so the load generator leaves the second core to the server) on loopback, 16 keep-alive connections, closed loop, 8 s of unmeasured warm-up before each row, a repeated caller (SAR decisions cached).',
    '',
    '## Lists',
    '',
    '| what | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx | bytes/answer | API-server requests during run (per 100 list requests) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...loads.map(
      (load) =>
        `| ${load.name}${(load.runs ?? 1) > 1 ? ` (median of ${load.runs} runs)` : ''} | ${load.rps} | ${load.p50} | ${load.p90} | ${load.p99} | ${load.errors} | ${load.non2xx} | ${load.bytesPerRequest} | ${load.apiServerRequests === undefined ? '' : `${load.apiServerRequests} (${load.apiServerRequestsPer100})`} |`,
    ),
    '',
    '## Targets',
    '',
    '| target | figure | verdict |',
    '|---|---|---|',
    `| 1,000-notebook list at least 2x the API server's raw list | ${notebookRatio}x (${notebooks?.rps} vs ${apiNotebooks?.rps} req/s); ceiling ${bare?.rps} req/s, service at ${ratio(notebooks?.rps, bare?.rps)} of it | ${mark(notebookRatio === undefined ? undefined : notebookRatio >= 2)} |`,
    `| p99 at most 3x p50 at concurrency 16, no errors (uncompressed, 740 KiB answers) | p50 ${notebooks?.p50} ms, p99 ${notebooks?.p99} ms (${tailRatio(notebooks)}x; the bare route with the same payload: ${tailRatio(bare)}x), errors ${notebooks?.errors}, non-2xx ${notebooks?.non2xx} | ${mark(tailOk(notebooks))} |`,
    `| the same with gzip, as browsers ask | p50 ${notebooksGzip?.p50} ms, p99 ${notebooksGzip?.p99} ms (${tailRatio(notebooksGzip)}x), ${notebooksGzip?.rps} req/s, errors ${notebooksGzip?.errors}, non-2xx ${notebooksGzip?.non2xx} | ${mark(tailOk(notebooksGzip))} |`,
    `| under 1 API-server request per 100 list requests | ${notebooks?.apiServerRequestsPer100} per 100 | ${mark(notebooks?.apiServerRequestsPer100 === undefined ? undefined : notebooks.apiServerRequestsPer100 < 1)} |`,
    `| 10-notebook namespace as fast with ${scale?.notebooks ?? '?'} notebooks elsewhere as in an empty cluster | ${small?.busy} vs ${small?.empty} req/s (${ratio(small?.busy, small?.empty)}) | ${mark(small ? small.busy >= 0.85 * small.empty : undefined)} |`,
    `| full-list time grows at most linearly (${first?.notebooks} to ${last?.notebooks}) | p50 ${first?.p50} ms to ${last?.p50} ms for ${last && first ? last.notebooks / first.notebooks : '?'}x the notebooks | ${mark(curveLinear)} |`,
    `| with ${scale?.notebooks ?? '?'} notebooks: RSS at most 300 MB, ready within 5 s | ${scale?.rssMB} MB, ready in ${scale?.readyMs} ms (process start included) | ${mark(scale ? scale.rssMB <= 300 && scale.readyMs <= 5000 : undefined)} |`,
    relativeRow(
      'volumes list (1,000 PVCs with notebook usage) vs its API server baseline',
      ratio(pvcs?.rps, apiPvcs?.rps),
      notebookRatio,
    ),
    relativeRow(
      'TensorBoards list (1,000) vs its API server baseline',
      ratio(tb?.rps, apiTb?.rps),
      notebookRatio,
    ),
    relativeRow(
      'bindings list (500 profiles) vs the API server listing all RoleBindings',
      ratio(bindings?.rps, apiRb?.rps),
      notebookRatio,
    ),
    `| live updates: a change reaches subscribers within a second | p50 ${live?.changeToSubscriberMs.p50} ms, max ${live?.changeToSubscriberMs.max} ms, ${live?.reached}/${live?.subscribers} reached | ${mark(live ? live.reached === live.subscribers && live.changeToSubscriberMs.max < 1000 : undefined)} |`,
    `| ${live?.subscribers ?? 200} idle subscribers cost under 5% of one core | ${live?.idleCpuPercentOfOneCore}% | ${mark(live ? live.idleCpuPercentOfOneCore < 5 : undefined)} |`,
    '',
    "On the relative targets: the API server lists 1,000 Notebooks (custom resources, served as unstructured JSON) an order of magnitude slower than 1,000 PVCs or all RoleBindings (built-in types), so a service's ratio to its own baseline depends mostly on the baseline; the other lists meet the 2x floor the notebook list has, by a wide margin, and not the notebook list's own ratio.",
    '',
    `On the tail of uncompressed lists: every answer is ${Math.round((notebooks?.bytesPerRequest ?? 0) / 1024)} KiB, written from a buffer prepared once, so the service's own work per request is small and much of the spread comes from pushing that many bytes through loopback sockets to one load-generator thread on the same two cores: the bare route answering the same bytes had a p99/p50 of ${tailRatio(bare)}x in this run, the service ${tailRatio(notebooks)}x. With gzip, as the SPAs' browsers ask, an answer is ${Math.round((notebooksGzip?.bytesPerRequest ?? 0) / 1024)} KiB and the tail is the service's own.`,
    '',
    "On the volumes list: its answer changes all the time in this setup. The 1,000 PVCs have no storage class and stay unbound, and the PV controller updates each one's FailedBinding event every 15 s (seen separately: 20 such PVCs, 40 event updates in 30 s), so the namespace's events change about 67 times a second and the list is rebuilt that often: one row re-serialized, but the 351 KiB answer joined, buffered and, for gzip, compressed again each time. Its p99 is the cost of that churn, which a cluster with many unbound PVCs has too.",
    '',
    '## The list curve',
    '',
    '| notebooks in the namespace | req/s | p50 ms | p99 ms |',
    '|---:|---:|---:|---:|',
    ...curve.map((point) => `| ${point.notebooks} | ${point.rps} | ${point.p50} | ${point.p99} |`),
    '',
    '## Creating a notebook with a new workspace volume',
    '',
    create
      ? `${create.creates} creates one after another: p50 ${create.p50Ms} ms, max ${create.maxMs} ms, ${create.apiServerCallsPerCreate} API-server requests per create (dry runs of the Notebook and the PVC, the SubjectAccessReviews for notebooks and PVCs on a cold cache, the PVC and Notebook creates).`
      : 'not measured',
    '',
    '## Polling (issue: cheap polling)',
    '',
    `The ${notebooks ? '1,000' : ''}-notebook list polled ${polling?.polls} times per row by one client; bytes are what crossed the wire (Content-Length), CPU is the service process's user+system time divided by the polls.`,
    '',
    '| poll | status | bytes on the wire | server CPU ms/poll | wall ms/poll |',
    '|---|---:|---:|---:|---:|',
    ...(polling?.rows ?? []).map(
      (row) =>
        `| ${row.name} | ${row.status} | ${row.bytesPerPoll} | ${row.serverCpuMsPerPoll} | ${row.wallMsPerPoll ?? ''} |`,
    ),
    '',
    '## Memory and start-up',
    '',
    `RSS after the run (MB): ${JSON.stringify(results.rssMB)}. jupyter-api with ${SCALE_TEXT(results)}: ready in ${scale?.readyMs} ms, RSS ${scale?.rssMB} MB. Seeding through the API server (ms): ${JSON.stringify(results.seedingMs)}.`,
    '',
    '## What makes it fast',
    '',
    "- Lists read watch caches (per-namespace index), never the API server; a repeated caller's SubjectAccessReview is a cache hit (10 s TTL).",
    '- Summaries are computed once per namespace revision (notebooks, their pods and events) and reused; the answer is serialized through the route schema and compressed once per version (`CachedAnswers`), so a poll of an unchanged list costs a header comparison or a buffer write.',
    '- `If-None-Match` polls get a 304 after the authorization check; `?watch=true` replaces polling with Server-Sent Events, one fan-out listener per cache.',
    '- One keep-alive agent to the API server; the watch cache drops managedFields.',
    "- Per request, only what must happen: one access-log line (Fastify's default is two), CSRF tokens from a pooled CSPRNG buffer, ETags memoized per caller and version, the CASL ability built only when a handler asks for it, no compression hooks on routes whose answers are compressed once per version.",
    '- Start-up: watch caches start listing when the app is created, so the API server prepares the first lists (seconds at 10,000 objects) while the routes compile.',
    '- Measured with wrk rather than a JavaScript load generator: on two cores, autocannon parsing 750 KB answers used more CPU than the server sending them, and capped every row near 900 req/s.',
    '',
  ];
  writeFileSync(join(REPO_ROOT, 'docs', 'PERFORMANCE.md'), lines.join('\n'));
}

/**
 * "At least as fast, relative to its API server baseline, as the notebook list": read literally,
 * the ratio must reach the notebook list's own; the API server answers built-in lists (PVCs,
 * RoleBindings) many times faster than Notebook CRs, so both readings are given.
 */
function relativeRow(what: string, figure: number | undefined, notebookRatio: number | undefined) {
  if (figure === undefined || notebookRatio === undefined) return `| ${what} | ${figure}x | not measured |`;
  const floor = figure >= 2 ? 'met against the 2x floor' : '**missed** against the 2x floor';
  const literal =
    figure >= notebookRatio
      ? `met against the notebook list's ${notebookRatio}x`
      : `**missed** against the notebook list's own ${notebookRatio}x (by ${Math.round((notebookRatio / figure) * 10) / 10}x)`;
  return `| ${what} | ${figure}x | ${floor}; ${literal} |`;
}

function SCALE_TEXT(results: Results) {
  const scale = results.jupyterAtScale as { notebooks: number } | undefined;
  return `${scale?.notebooks ?? '?'} notebooks cluster-wide`;
}
