/**
 * `npm test`: starts one real control plane for the whole run, then Node's test runner over every
 * *.test.ts file (unit and integration), then stops the control plane. Extra arguments filter
 * test files by substring: `npm test -- jupyter`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, startControlPlane } from '../control-plane/control-plane.ts';
import { writeClusterFile } from './cluster-file.ts';

const ROOTS = ['shared', 'services', 'tools', 'e2e', 'deploy', 'reliability'];
function findTests(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = ROOTS.flatMap((root) => {
  try {
    return findTests(join(REPO_ROOT, root));
  } catch {
    return [];
  }
})
  .map((file) => relative(REPO_ROOT, file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

if (!existsSync('/usr/bin/chromium') && files.some((file) => file.includes('browser'))) {
  execFileSync('bash', [join(REPO_ROOT, 'tools/install-browser.sh')], { stdio: 'inherit' });
}

const started = Date.now();
const plane = await startControlPlane();
console.log(`control plane up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${plane.server}`);
const clusterFile = await writeClusterFile(plane);
console.log('services act as their deployed ServiceAccounts (deploy/base/<service>/rbac.yaml)');

const child = spawn(
  process.execPath,
  [
    '--conditions=development',
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '3'}`,
    `--test-timeout=${process.env.TEST_TIMEOUT_MS ?? Math.max(300_000, (Number(process.env.SOAK_SECONDS ?? 0) + 240) * 1000)}`,
    ...files,
  ],
  {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { KF_REQUIRE_SERVICE_ACCOUNTS: '1', ...process.env, KF_TEST_CLUSTER: clusterFile },
  },
);
const code: number = await new Promise((resolveCode) =>
  child.on('exit', (exitCode) => resolveCode(exitCode ?? 1)),
);
await plane.stop();
process.exit(code);
