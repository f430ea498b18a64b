/**
 * Bindings at scale: 500 profiles, each with its namespace, owner binding and one contributor,
 * seeded through the admin client. Listing reads the watch caches: no Kubernetes call per
 * namespace (asserted), and the time per list is reported (not asserted: machines differ).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, resources } from '@kf-ts/shared';
import { adminKube, asUser } from '@kf-ts/shared/testing';
import { alice, buildTestApp, erin, json } from './helpers.ts';

const PROFILES = 500;
const ROUNDS = 50;

let touchedVersion = 10_000_000;
/** A RoleBinding outside every profile namespace, newer each time. */
const touched = (round: number) => ({
  metadata: { name: `touched-${round}`, namespace: 'default', resourceVersion: String(++touchedVersion) },
  roleRef: { kind: 'ClusterRole', name: 'view' },
  subjects: [],
});

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

describe(`GET /kfam/v1/bindings with ${PROFILES} profiles`, () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  const run = randomBytes(2).toString('hex');
  let seeding = '';
  const names = Array.from({ length: PROFILES }, (_, i) => `scale-${run}-${String(i).padStart(3, '0')}`);

  before(async () => {
    const kube = await adminKube();
    const started = Date.now();
    await inBatches(names, 25, async (name) => {
      const owner = name.endsWith('0') ? alice.name : `owner-${name}@example.com`; // alice owns every tenth
      await kube.create(resources.profiles, undefined, {
        apiVersion: 'kubeflow.org/v1',
        kind: 'Profile',
        metadata: { name },
        spec: { owner: { kind: 'User', name: owner } },
      });
      await kube.create(resources.namespaces, undefined, { metadata: { name } });
      for (const [binding, user, role] of [
        ['namespaceAdmin', owner, 'admin'],
        [`user-contributor-${name}-clusterrole-edit`, `contributor-${name}@example.com`, 'edit'],
      ] as const) {
        await kube.create(resources.roleBindings, name, {
          metadata: { name: binding, namespace: name, annotations: { user, role } },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeflow-${role}` },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        } as KubeObject);
      }
    });
    seeding = `seeded ${PROFILES} profiles, namespaces and ${PROFILES * 2} RoleBindings in ${Date.now() - started} ms`;
    // Default SAR decision reuse (10 s), as in production.
    app = await buildTestApp({ SAR_CACHE_ALLOW_TTL_SECONDS: '10', SAR_CACHE_DENY_TTL_SECONDS: '10' });
  });
  after(async () => {
    await app?.close();
  });

  async function measure(
    caller: { name: string; groups?: string[] },
    label: string,
    report: (line: string) => void,
  ) {
    const calls: string[] = [];
    const stop = app.kube.onCall((call) => calls.push(call.operation));
    const first = await app.inject({ method: 'GET', url: '/kfam/v1/bindings', headers: asUser(caller) });
    assert.equal(first.statusCode, 200);
    const timed = async (changeFirst: boolean) => {
      const timings: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // A RoleBinding changing anywhere invalidates the index and the serialized answer.
        if (changeFirst) app.profiles.index.roleBindings.applyWrite(touched(round));
        const started = process.hrtime.bigint();
        const res = await app.inject({ method: 'GET', url: '/kfam/v1/bindings', headers: asUser(caller) });
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
        assert.equal(res.statusCode, 200);
      }
      timings.sort((a, b) => a - b);
      return `median ${percentile(timings, 50).toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms`;
    };
    const afterChange = await timed(true);
    const unchanged = await timed(false);
    stop();
    report(
      `${label}: ${json(first).bindings.length} bindings; after a RoleBinding change ${afterChange}; unchanged (cached answer) ${unchanged}; ${ROUNDS} lists each; Kubernetes calls: ${calls.length} (${[...new Set(calls)].join(', ')})`,
    );
    // At most the caller's SubjectAccessReview (then reused): never a call per namespace.
    assert.ok(calls.length <= 1, `Kubernetes calls while listing: ${calls.join(', ')}`);
    return json(first).bindings as { referredNamespace: string }[];
  }

  it('answers a cluster admin with every binding from the caches', async (t) => {
    t.diagnostic(seeding);
    await app.caches.waitForSync();
    const bindings = await measure(erin, 'cluster admin, all profiles', (line) => t.diagnostic(line));
    const seeded = bindings.filter((b) => b.referredNamespace.startsWith(`scale-${run}-`));
    assert.equal(seeded.length, PROFILES * 2);
  });

  it("answers an owner with only their profiles' bindings", async (t) => {
    const bindings = await measure(alice, 'owner of 50 profiles', (line) => t.diagnostic(line));
    const seeded = bindings.filter((b) => b.referredNamespace.startsWith(`scale-${run}-`));
    assert.equal(seeded.length, (PROFILES / 10) * 2);
  });
});
