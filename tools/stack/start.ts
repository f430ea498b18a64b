/**
 * `npm start`: the whole system locally. Starts (or, with KUBECONFIG set, uses) a control plane,
 * installs CRDs and Kubeflow roles, seeds a demo, starts the four services and the development
 * gateway, and prints where to go. Ctrl-C stops everything.
 *   GATEWAY_PORT (default 8080); SEED=1 to seed an existing cluster; <SERVICE>_SPA_DIR to serve SPAs
 *   (JUPYTER_SPA_DIR, VOLUMES_SPA_DIR, TENSORBOARDS_SPA_DIR).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { KubeClient } from '@kf-ts/shared';
import {
  type ControlPlane,
  REPO_ROOT,
  freePort,
  installCrdsAndRoles,
  startControlPlane,
} from '../control-plane/control-plane.ts';
import { bundlePath, bundleService } from '../build/bundle.ts';
import { buildGateway } from '../dev-gateway/gateway.ts';
import { DEMO_USERS, seedDemo } from './demo-seed.ts';

const log = (message: string) => console.log(`[stack] ${message}`);

export const SERVICES = [
  { name: 'jupyter-api', prefix: '/jupyter', spaEnv: 'JUPYTER_SPA_DIR' },
  { name: 'volumes-api', prefix: '/volumes', spaEnv: 'VOLUMES_SPA_DIR' },
  { name: 'tensorboards-api', prefix: '/tensorboards', spaEnv: 'TENSORBOARDS_SPA_DIR' },
  { name: 'profiles-api', prefix: '/', spaEnv: '' },
] as const;

export interface RunningService {
  name: string;
  url: string;
  child: ChildProcess;
}

/** Bundles the services into services/<name>/dist/server.mjs, as the Dockerfile does. */
export async function buildServices() {
  for (const service of SERVICES) await bundleService(service.name);
}

/** Starts one service as its own process, the way a pod would run it. */
export async function startService(
  service: (typeof SERVICES)[number],
  kubeconfig: string,
  extraEnv: Record<string, string> = {},
  /** Run the bundle (`buildServices()` first), as the production image does. */
  compiled = false,
  /** Node options before the script (tests: `--expose-gc`, a preload). */
  nodeArgs: string[] = [],
): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    compiled
      ? [...nodeArgs, bundlePath(service.name)]
      : [
          ...nodeArgs,
          '--conditions=development',
          '--import',
          'tsx',
          join(REPO_ROOT, 'services', service.name, 'src', 'server.ts'),
        ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KUBECONFIG: kubeconfig,
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_PREFIX: service.prefix,
        APP_SECURE_COOKIES: 'false',
        ...(service.spaEnv && process.env[service.spaEnv] ? { SPA_DIR: process.env[service.spaEnv]! } : {}),
        ...extraEnv,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const tail: string[] = [];
  const remember = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
    if (process.env.STACK_VERBOSE === '1') process.stdout.write(`[${service.name}] ${chunk}`);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${service.name} exited with ${child.exitCode}:\n${tail.join('')}`);
    const ready = await fetch(`${url}/healthz/readiness`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { name: service.name, url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${service.name} not ready after 60 s:\n${tail.join('')}`);
}

async function main() {
  let plane: ControlPlane | undefined;
  let kubeconfig: string;
  const useExisting = Boolean(process.env.KUBECONFIG);
  if (useExisting) {
    kubeconfig = process.env.KUBECONFIG!;
    log(`using the cluster in KUBECONFIG=${kubeconfig}`);
    if (process.env.INSTALL_CRDS === '1') await installCrdsAndRoles(kubeconfig);
  } else {
    log('starting the local control plane (the first run builds kube-apiserver once; progress follows)');
    plane = await startControlPlane({ users: Object.values(DEMO_USERS) });
    kubeconfig = plane.adminKubeconfig;
  }
  const kube = await KubeClient.fromFile(kubeconfig);
  if (!useExisting || process.env.SEED === '1') await seedDemo(kube, log);

  const running: RunningService[] = [];
  const stopAll = async () => {
    log('stopping');
    await Promise.all(
      running.map(
        (service) =>
          new Promise<void>((resolve) => {
            if (service.child.exitCode !== null) return resolve();
            service.child.once('exit', () => resolve());
            service.child.kill('SIGTERM');
          }),
      ),
    );
    kube.close();
    await plane?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stopAll());
  process.once('SIGTERM', () => void stopAll());

  for (const service of SERVICES) {
    running.push(await startService(service, kubeconfig));
    log(`${service.name} ready at ${running.at(-1)!.url}`);
  }
  const byName = Object.fromEntries(running.map((service) => [service.name, service.url]));
  const gateway = await buildGateway({
    upstreams: {
      jupyter: byName['jupyter-api']!,
      volumes: byName['volumes-api']!,
      tensorboards: byName['tensorboards-api']!,
      profiles: byName['profiles-api']!,
    },
    users: Object.values(DEMO_USERS),
  });
  const port = Number(process.env.GATEWAY_PORT ?? 8080);
  await gateway.listen({ port, host: '127.0.0.1' });
  console.warn(
    '[stack] !!! the gateway is for DEVELOPMENT ONLY: it sets identity headers for whoever uses it !!!',
  );
  log(`open http://127.0.0.1:${port}/  (API docs for every service, user switcher)`);
  log(
    `acting as ${DEMO_USERS.owner.name} by default; try: curl -s http://127.0.0.1:${port}/jupyter/api/namespaces/kubeflow-user/notebooks`,
  );
  if (plane) {
    log(`kubectl: export KUBECONFIG=${plane.adminKubeconfig}`);
    for (const user of Object.values(plane.users)) log(`Bearer token of ${user.name}: ${user.token}`);
  }
  log('Ctrl-C stops everything');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
