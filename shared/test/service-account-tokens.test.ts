import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, type ResourceRef, resources } from '../src/index.ts';
import { adminKube, bindRole, createNamespace, csrf, eventually } from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

const serviceAccounts: ResourceRef = {
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
  kind: 'ServiceAccount',
  namespaced: true,
};

interface SecretList {
  items?: { type?: string; metadata?: { annotations?: Record<string, string> }; data?: { token?: string } }[];
}

/** A ServiceAccount and the token Kubernetes 1.20's token controller issues for it. */
async function serviceAccountToken(namespace: string, name: string): Promise<string> {
  const kube = await adminKube();
  await kube.create(serviceAccounts, namespace, { metadata: { name, namespace } } as KubeObject);
  return eventually(
    async () => {
      const secrets = await kube.request<SecretList>('GET', `/api/v1/namespaces/${namespace}/secrets`);
      const secret = (secrets.items ?? []).find(
        (item) =>
          item.type === 'kubernetes.io/service-account-token' &&
          item.metadata?.annotations?.['kubernetes.io/service-account.name'] === name,
      );
      return secret?.data?.token ? Buffer.from(secret.data.token, 'base64').toString('utf8') : undefined;
    },
    30_000,
    `token of ServiceAccount ${namespace}/${name}`,
  );
}

/** Automation running in a pod calls with its ServiceAccount's token, not through the gateway. */
describe('Bearer tokens of ServiceAccounts', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  let robot: string;
  let idle: string;
  const list = (token: string) =>
    app.inject({ url: `/api/namespaces/${namespace}/pods`, headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    app = await buildFixtureApp({ TOKEN_REVIEW_CACHE_TTL_SECONDS: '1' });
    namespace = await createNamespace('sa-tokens');
    robot = await serviceAccountToken(namespace, 'robot');
    idle = await serviceAccountToken(namespace, 'idle');
    const kube = await adminKube();
    await kube.create(resources.roleBindings, namespace, {
      metadata: { name: 'robot-edits', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace }],
    } as KubeObject);
  });
  after(() => app.close());

  it('identifies the ServiceAccount by its TokenReview name and lets RBAC decide', async () => {
    const res = await eventually(async () => {
      const answer = await list(robot);
      return answer.statusCode === 200 ? answer : undefined;
    });
    assert.equal(res.json().user, `system:serviceaccount:${namespace}:robot`);
    // no CSRF for a verified Bearer call: a write goes through on RBAC alone
    const created = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { authorization: `Bearer ${robot}`, 'content-type': 'application/json' },
      payload: { name: 'from-robot' },
    });
    assert.equal(created.statusCode, 200, created.body);
  });

  it('refuses a ServiceAccount without a binding, with the ServiceAccount named', async () => {
    const res = await list(idle);
    assert.equal(res.statusCode, 403);
    assert.equal(
      res.json().log,
      `User 'system:serviceaccount:${namespace}:idle' is not authorized to list v1/pods in namespace '${namespace}'`,
    );
  });

  it("counts the ServiceAccount's groups: a grant to system:serviceaccounts:<ns> admits it", async () => {
    await bindRole(namespace, { kind: 'Group', name: `system:serviceaccounts:${namespace}` }, 'view');
    const res = await eventually(async () => {
      const answer = await list(idle);
      return answer.statusCode === 200 ? answer : undefined;
    }, 15_000);
    assert.equal(res.json().user, `system:serviceaccount:${namespace}:idle`);
    // a group grant to read does not let it write
    const write = await app.inject({
      method: 'POST',
      url: `/api/namespaces/${namespace}/pods`,
      headers: { authorization: `Bearer ${idle}`, ...csrf() },
      payload: { name: 'from-idle' },
    });
    assert.equal(write.statusCode, 403);
  });

  it('stops accepting the token once the ServiceAccount is deleted (after the short TokenReview cache)', async () => {
    const kube = await adminKube();
    await kube.delete(serviceAccounts, namespace, 'robot');
    const res = await eventually(
      async () => {
        const answer = await list(robot);
        return answer.statusCode === 401 ? answer : undefined;
      },
      20_000,
      'the deleted ServiceAccount refused',
    );
    assert.equal(res.json().log, 'The Bearer token is not valid.');
  });
});
