/**
 * Starts a real local control plane (etcd, kube-apiserver with RBAC, kube-controller-manager) on
 * loopback with free ports and a temporary directory, with static tokens for an admin and test
 * users. Binaries come from install.sh (built once per machine and cached).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_ROOT = process.env.KF_CACHE_DIR ?? join(homedir(), '.cache', 'kf-notebook-backends');
export const BIN_DIR = join(CACHE_ROOT, 'kubernetes-1.20.2-reflect2-1.0.2', 'bin');

export interface StaticUser {
  name: string;
  groups: string[];
  token: string;
}

export interface ControlPlane {
  server: string;
  dir: string;
  /** kubeconfig for the cluster admin (system:masters). */
  adminKubeconfig: string;
  adminToken: string;
  users: Record<string, StaticUser>;
  etcdUrl: string;
  /** Stop (and with `keepData`, later restart) parts, for fault tests. */
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  stopEtcd(): Promise<void>;
  startEtcd(): Promise<void>;
  stop(): Promise<void>;
}

/** Users the test suites and the demo act as; groups come from the token file's 4th column. */
export const DEFAULT_USERS: Omit<StaticUser, 'token'>[] = [
  { name: 'alice@example.com', groups: ['team-alpha'] },
  { name: 'bob@example.com', groups: ['team-beta'] },
  { name: 'carol@example.com', groups: ['team-alpha', 'data-scientists'] },
  { name: 'dave@example.com', groups: [] },
  { name: 'erin@example.com', groups: ['platform-admins'] },
  { name: 'mallory@example.com', groups: [] },
  // The reliability suite's tenant, apart from the people the service tests use: its personas may
  // create profiles of their own (workgroup create), which the service tests must not see.
  { name: 'tenant-owner@example.com', groups: [] },
  { name: 'tenant-viewer@example.com', groups: [] },
  { name: 'tenant-contributor@example.com', groups: [] },
  { name: 'tenant-member@example.com', groups: ['tenant-data-scientists'] },
  { name: 'tenant-stranger@example.com', groups: [] },
];

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function log(message: string) {
  if (process.env.KF_QUIET !== '1') process.stderr.write(`[control-plane] ${message}\n`);
}

/** Runs install.sh when the binaries are missing (apt packages, one-time build with progress). */
export function ensureBinaries() {
  const ready =
    existsSync(join(BIN_DIR, 'kube-apiserver')) &&
    existsSync(join(BIN_DIR, 'kube-controller-manager')) &&
    (existsSync('/usr/bin/etcd') || hasCommand('etcd'));
  if (ready) return;
  log('control-plane binaries missing: running tools/control-plane/install.sh (one-time, several minutes)');
  execFileSync('bash', [join(REPO_ROOT, 'tools/control-plane/install.sh')], { stdio: 'inherit' });
}

function hasCommand(command: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function etcdBinary() {
  return existsSync('/usr/bin/etcd') ? '/usr/bin/etcd' : 'etcd';
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what}: process exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

async function httpsOk(url: string, token: string): Promise<boolean> {
  const { request } = await import('node:https');
  return new Promise((resolveOk) => {
    const req = request(
      url,
      { headers: { Authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        resolveOk(res.statusCode === 200);
      },
    );
    req.on('error', () => resolveOk(false));
    req.on('timeout', () => {
      req.destroy();
      resolveOk(false);
    });
    req.end();
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export function kubeconfigFor(server: string, user: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: local',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${JSON.stringify(user)}`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: local',
    '  context:',
    '    cluster: local',
    `    user: ${JSON.stringify(user)}`,
    'current-context: local',
    '',
  ].join('\n');
}

export interface StartOptions {
  /** Directory for data and logs (default: a new temporary directory, removed on stop). */
  dir?: string;
  users?: Omit<StaticUser, 'token'>[];
  withControllerManager?: boolean;
}

export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  ensureBinaries();
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kf-cp-'));
  mkdirSync(join(dir, 'certs'), { recursive: true });
  const [etcdPort, etcdPeerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const server = `https://127.0.0.1:${apiPort}`;

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));

  const token = () => randomBytes(24).toString('hex');
  const adminToken = token();
  const controllerToken = token();
  const users: Record<string, StaticUser> = {};
  for (const user of options.users ?? DEFAULT_USERS) users[user.name] = { ...user, token: token() };
  const tokenLines = [
    `${adminToken},kf-admin,kf-admin,"system:masters"`,
    `${controllerToken},system:kube-controller-manager,kcm,"system:masters"`,
    ...Object.values(users).map((u, i) => `${u.token},${u.name},user-${i},"${u.groups.join(',')}"`),
  ];
  writeFileSync(join(dir, 'tokens.csv'), `${tokenLines.join('\n')}\n`);
  const adminKubeconfig = join(dir, 'admin.kubeconfig');
  writeFileSync(adminKubeconfig, kubeconfigFor(server, 'kf-admin', adminToken));
  writeFileSync(
    join(dir, 'controller-manager.kubeconfig'),
    kubeconfigFor(server, 'system:kube-controller-manager', controllerToken),
  );

  const children: { etcd?: ChildProcess; api?: ChildProcess; kcm?: ChildProcess } = {};
  const logTo = (name: string) => createWriteStream(join(dir, `${name}.log`), { flags: 'a' });

  async function startEtcd() {
    const child = spawn(
      etcdBinary(),
      [
        '--data-dir',
        join(dir, 'etcd'),
        '--listen-client-urls',
        etcdUrl,
        '--advertise-client-urls',
        etcdUrl,
        '--listen-peer-urls',
        `http://127.0.0.1:${etcdPeerPort}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${etcdPeerPort}`,
        '--initial-cluster',
        `default=http://127.0.0.1:${etcdPeerPort}`,
        '--name',
        'default',
        '--unsafe-no-fsync',
        '--quota-backend-bytes',
        String(4 * 1024 * 1024 * 1024),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === 'x64' ? '' : process.arch },
      },
    );
    child.stdout?.pipe(logTo('etcd'));
    child.stderr?.pipe(logTo('etcd'));
    children.etcd = child;
    await waitFor(
      async () => {
        const res = await fetch(`${etcdUrl}/health`).catch(() => undefined);
        return res?.ok === true;
      },
      'etcd',
      30_000,
      child,
    );
  }

  async function startApiServer() {
    const child = spawn(
      join(BIN_DIR, 'kube-apiserver'),
      [
        `--etcd-servers=${etcdUrl}`,
        `--secure-port=${apiPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--cert-dir=${join(dir, 'certs')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        '--api-audiences=https://kubernetes.default.svc',
        '--service-cluster-ip-range=10.96.0.0/16',
        '--allow-privileged=true',
        '--enable-priority-and-fairness=false',
        '--max-requests-inflight=2000',
        '--max-mutating-requests-inflight=1000',
        '--watch-cache=true',
        '--profiling=false',
        '--v=1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(logTo('kube-apiserver'));
    child.stderr?.pipe(logTo('kube-apiserver'));
    children.api = child;
    await waitFor(() => httpsOk(`${server}/readyz`, adminToken), 'kube-apiserver', 90_000, child);
  }

  async function startControllerManager() {
    const child = spawn(
      join(BIN_DIR, 'kube-controller-manager'),
      [
        `--kubeconfig=${join(dir, 'controller-manager.kubeconfig')}`,
        `--service-account-private-key-file=${join(dir, 'sa.key')}`,
        `--root-ca-file=${join(dir, 'certs', 'apiserver.crt')}`,
        '--use-service-account-credentials=false',
        '--leader-elect=false',
        '--port=0',
        '--secure-port=0',
        '--controllers=*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-ttl,-bootstrapsigner,-tokencleaner,-csrsigning,-csrapproving,-csrcleaner',
        '--concurrent-gc-syncs=10',
        '--v=1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(logTo('kube-controller-manager'));
    child.stderr?.pipe(logTo('kube-controller-manager'));
    children.kcm = child;
  }

  log(`starting etcd and kube-apiserver in ${dir}`);
  await startEtcd();
  await startApiServer();
  // CRDs first: the controller manager's garbage collector then knows them from its first
  // discovery (otherwise foreground deletions of custom resources wait for its 30 s resync).
  await installCrdsAndRoles(adminKubeconfig);
  if (options.withControllerManager !== false) await startControllerManager();
  log(`control plane ready at ${server}`);

  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await stopChild(children.kcm);
    await stopChild(children.api);
    await stopChild(children.etcd);
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  const onExit = () => {
    for (const child of [children.kcm, children.api, children.etcd]) child?.kill('SIGKILL');
  };
  process.once('exit', onExit);

  return {
    server,
    dir,
    adminKubeconfig,
    adminToken,
    users,
    etcdUrl,
    stopApiServer: () => stopChild(children.api),
    startApiServer,
    stopEtcd: () => stopChild(children.etcd),
    startEtcd,
    stop: stopAll,
  };
}

const KUBECTL_PLACES = [
  '/usr/bin/kubectl',
  '/usr/local/bin/kubectl',
  '/snap/bin/kubectl',
  '/usr/lib/google-cloud-sdk/bin/kubectl',
];
let kubectlFound: string | undefined;
/**
 * The kubectl to run: the machine's own (on PATH, or where packages put it), else the one
 * tools/control-plane/install.sh built beside kube-apiserver on a machine that had none.
 */
export function kubectlBinary(pathEnv = process.env.PATH): string {
  if (kubectlFound && pathEnv === process.env.PATH) return kubectlFound;
  const onPath = (pathEnv ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => join(dir, 'kubectl'));
  const found = [...onPath, ...KUBECTL_PLACES, join(BIN_DIR, 'kubectl')].find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(
      'no kubectl found: run tools/control-plane/install.sh (it builds one when the machine has none)',
    );
  }
  if (pathEnv === process.env.PATH) kubectlFound = found;
  return found;
}

/** Runs kubectl (against `kubeconfig` when given) and returns its output. */
export function kubectl(kubeconfig: string | undefined, args: string[], input?: string): string {
  return execFileSync(kubectlBinary(), [...(kubeconfig ? [`--kubeconfig=${kubeconfig}`] : []), ...args], {
    input,
    stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

/** Our CRDs (server-side apply: the full Notebook schema is too big for client-side apply) and Kubeflow's roles. */
export async function installCrdsAndRoles(kubeconfig: string) {
  const crdDir = join(REPO_ROOT, 'deploy', 'crds');
  const files = readdirSync(crdDir).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
  for (const file of files) {
    kubectl(kubeconfig, ['apply', '--server-side', '--force-conflicts', '-f', join(crdDir, file)]);
  }
  kubectl(kubeconfig, [
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    ...files.map((f) => `-f=${join(crdDir, f)}`),
  ]);
  kubectl(kubeconfig, [
    'apply',
    '--server-side',
    '--force-conflicts',
    '-f',
    join(REPO_ROOT, 'deploy', 'roles', 'kubeflow-roles.yaml'),
  ]);
}
