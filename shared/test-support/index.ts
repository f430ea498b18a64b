/**
 * Helpers for tests against the real control plane started by tools/test/run.ts: the cluster's
 * users and tokens, namespaces, role bindings, identity and CSRF headers, and building apps.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { KubeClient } from '../src/kube/kube-client.ts';
import { type KubeObject, resources } from '../src/kube/resources.ts';
import { type BaseConfig, baseConfigProperties, loadConfig } from '../src/config.ts';
import type { TProperties } from '@sinclair/typebox';

export interface TestUser {
  name: string;
  groups: string[];
  token: string;
}

export interface TestCluster {
  server: string;
  adminKubeconfig: string;
  /** Bearer token of the static cluster admin (system:masters). */
  adminToken: string;
  dir: string;
  users: Record<string, TestUser>;
  /** Kubeconfigs of the services' own ServiceAccounts (deploy/base/<service>/rbac.yaml), when deployed. */
  serviceKubeconfigs?: Record<string, string>;
}

let cluster: TestCluster | undefined;
export function testCluster(): TestCluster {
  if (cluster) return cluster;
  const file = process.env.KF_TEST_CLUSTER;
  if (!file)
    throw new Error(
      'KF_TEST_CLUSTER is not set: run the tests with `npm test`, which starts the control plane.',
    );
  cluster = JSON.parse(readFileSync(file, 'utf8')) as TestCluster;
  return cluster;
}

export type TestUserName =
  | 'alice'
  | 'bob'
  | 'carol'
  | 'dave'
  | 'erin'
  | 'mallory'
  | 'tenant-owner'
  | 'tenant-viewer'
  | 'tenant-contributor'
  | 'tenant-member'
  | 'tenant-stranger';

export function testUser(name: TestUserName): TestUser {
  const user = testCluster().users[`${name}@example.com`];
  if (!user) throw new Error(`no test user ${name}`);
  return user;
}

let admin: Promise<KubeClient> | undefined;
/** A client acting as cluster admin, for arranging and inspecting cluster state. */
export function adminKube(): Promise<KubeClient> {
  admin ??= KubeClient.fromFile(testCluster().adminKubeconfig);
  return admin;
}

/** A fresh namespace with a recognisable, unique name. */
export async function createNamespace(prefix: string, labels: Record<string, string> = {}): Promise<string> {
  const kube = await adminKube();
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  await kube.create(resources.namespaces, undefined, { metadata: { name, labels } });
  return name;
}

export async function deleteNamespace(name: string) {
  const kube = await adminKube();
  await kube.delete(resources.namespaces, undefined, name).catch(() => undefined);
}

/** Binds a user or group to a ClusterRole in a namespace (kubeflow-edit, kubeflow-view, ...). */
export async function bindRole(
  namespace: string,
  subject: { kind: 'User' | 'Group'; name: string },
  clusterRole: string,
  name = `test-${subject.kind.toLowerCase()}-${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const kube = await adminKube();
  await kube.create(resources.roleBindings, namespace, {
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: subject.kind, name: subject.name }],
  } as KubeObject);
  return name;
}

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** Would Kubernetes let this user (with groups) do this? Asked as the admin, or as `asker`. */
export async function accessReview(
  user: { name: string; groups?: string[] },
  attributes: { verb: string; group: string; resource: string; subresource?: string; namespace?: string },
  asker?: KubeClient,
): Promise<boolean> {
  const kube = asker ?? (await adminKube());
  const review = await kube.request<{ status?: { allowed?: boolean } }>(
    'POST',
    '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    {
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user: user.name, groups: user.groups ?? [], resourceAttributes: attributes },
      },
    },
  );
  return review.status?.allowed === true;
}

/**
 * Waits until the API server's RBAC answers as `allowed` for every verb on every resource of
 * `rules`: a new RoleBinding reaches the authorizer's informer a moment after its create returns,
 * and a test that asks in that moment would see the old answer.
 */
async function untilRbacReflects(namespace: string, subject: Subject, rules: Rule[], allowed: boolean) {
  const user =
    subject.kind === 'User' ? { name: subject.name } : { name: 'rbac-probe', groups: [subject.name] };
  const checks = rules.flatMap((rule) =>
    rule.verbs.flatMap((verb) =>
      rule.resources.map((resource) => {
        const [plural, subresource] = resource.split('/');
        return { verb, group: rule.apiGroups[0] ?? '', resource: plural!, subresource, namespace };
      }),
    ),
  );
  await eventually(
    async () => {
      const answers = await Promise.all(checks.map((check) => accessReview(user, check)));
      return answers.every((answer) => answer === allowed) ? true : undefined;
    },
    10_000,
    `RBAC ${allowed ? 'granting' : 'revoking'} ${JSON.stringify(rules)} to ${subject.name}`,
  );
}

export type Subject = { kind: 'User' | 'Group'; name: string };

/**
 * Grants a user or group exactly these rules in a namespace (a Role and its RoleBinding, named
 * alike), and returns once RBAC says so. `revoke()` deletes the binding and waits until RBAC no
 * longer allows the rules (so only use it for rules nothing else grants the subject).
 */
export async function grant(namespace: string, who: string | Subject, rules: Rule[]) {
  const subject: Subject = typeof who === 'string' ? { kind: 'User', name: who } : who;
  const kube = await adminKube();
  const name = `grant-${randomBytes(3).toString('hex')}`;
  await kube.create(resources.roles, namespace, { metadata: { name, namespace }, rules } as KubeObject);
  await kube.create(resources.roleBindings, namespace, {
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: subject.kind, name: subject.name }],
  } as KubeObject);
  await untilRbacReflects(namespace, subject, rules, true);
  return {
    name,
    async revoke() {
      await kube.delete(resources.roleBindings, namespace, name);
      await untilRbacReflects(namespace, subject, rules, false);
    },
  };
}

/** Waits until the aggregated ClusterRole has rules (the controller manager fills them). */
export async function waitForAggregatedRole(name: string, timeoutMs = 30_000) {
  const kube = await adminKube();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const role = await kube.get<KubeObject & { rules?: unknown[] }>(
      {
        group: 'rbac.authorization.k8s.io',
        version: 'v1',
        plural: 'clusterroles',
        kind: 'ClusterRole',
        namespaced: false,
      },
      undefined,
      name,
    );
    if ((role.rules ?? []).length > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`ClusterRole ${name} has no aggregated rules after ${timeoutMs} ms`);
}

/** The headers the gateway sets for a user. */
export function asUser(user: { name: string; groups?: string[] }): Record<string, string> {
  const headers: Record<string, string> = { 'kubeflow-userid': user.name };
  if (user.groups?.length) headers['kubeflow-groups'] = user.groups.join(',');
  return headers;
}

/** A matching CSRF cookie and header, as the SPA sends them. */
export function csrf(token = randomBytes(16).toString('hex')): Record<string, string> {
  return { cookie: `XSRF-TOKEN=${token}`, 'x-xsrf-token': token };
}

/** Identity + CSRF headers for a state-changing call from the browser. */
export function browserCall(user: { name: string; groups?: string[] }): Record<string, string> {
  return { ...asUser(user), ...csrf() };
}

/** Service configuration for tests: defaults plus overrides, as the environment would give it. */
export function testConfig<P extends TProperties>(properties: P, overrides: Record<string, string> = {}) {
  return loadConfig(
    { ...baseConfigProperties, ...properties },
    { APP_SECURE_COOKIES: 'false', ...overrides },
  );
}

export type { BaseConfig };

/**
 * The client a service acts with: the service's own ServiceAccount with its deployed
 * least-privilege ClusterRole (so tests prove the role is enough), or the cluster admin for code
 * that is not a service (the shared fixture).
 */
export async function serviceKube(service?: string): Promise<KubeClient> {
  const own = service ? testCluster().serviceKubeconfigs?.[service] : undefined;
  if (service && !own && process.env.KF_REQUIRE_SERVICE_ACCOUNTS === '1') {
    throw new Error(
      `no ServiceAccount kubeconfig for ${service}: is deploy/base/${service}/rbac.yaml missing?`,
    );
  }
  return KubeClient.fromFile(own ?? testCluster().adminKubeconfig, { requestTimeoutMs: 5000 });
}

/** Polls until `check` returns a value other than undefined. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/** Counter value from a Prometheus text exposition. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/** Server-Sent Events over a real socket, collected as they arrive. */
export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Opens an SSE stream over a real socket and collects its events. */
export function followEvents(url: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  let ended = false;
  let status = 0;
  let contentType = '';
  const request = http.get(url, { headers }, (res) => {
    status = res.statusCode ?? 0;
    contentType = String(res.headers['content-type']);
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let boundary;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
      }
    });
    res.on('end', () => {
      ended = true;
    });
  });
  return {
    events,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    close: () => request.destroy(),
  };
}

export async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms`);
}
