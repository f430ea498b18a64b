import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asUser, bindRole, createNamespace, testUser, waitForAggregatedRole } from '../test-support/index.ts';
import { buildFixtureApp } from './fixture-app.ts';

const GATEWAY = 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

describe('identity headers only from trusted proxies (TRUSTED_PROXY_PRINCIPALS)', () => {
  let app: Awaited<ReturnType<typeof buildFixtureApp>>;
  let namespace: string;
  const alice = testUser('alice');
  const url = () => `/api/namespaces/${namespace}/pods`;
  const xfcc = (uri: string) =>
    `By=spiffe://cluster.local/ns/kubeflow/sa/jupyter-api;Hash=0f;Subject="";URI=${uri}`;

  before(async () => {
    app = await buildFixtureApp({ TRUSTED_PROXY_PRINCIPALS: GATEWAY });
    namespace = await createNamespace('trust');
    await waitForAggregatedRole('kubeflow-view');
    await bindRole(namespace, { kind: 'User', name: alice.name }, 'kubeflow-view');
  });
  after(() => app.close());

  it('accepts the headers when the gateway forwarded the request', async () => {
    const res = await app.inject({
      url: url(),
      headers: { ...asUser(alice), 'x-forwarded-client-cert': xfcc(GATEWAY) },
    });
    assert.equal(res.statusCode, 200);
  });

  it('rejects headers sent by any other peer, or with no peer at all', async () => {
    const spoofed = await app.inject({
      url: url(),
      headers: {
        ...asUser(alice),
        'x-forwarded-client-cert': xfcc('spiffe://cluster.local/ns/user/sa/default-editor'),
      },
    });
    assert.equal(spoofed.statusCode, 401);
    assert.match(spoofed.json().log, /was not set by a trusted proxy/);
    const direct = await app.inject({ url: url(), headers: asUser(alice) });
    assert.equal(direct.statusCode, 401);
  });

  it('does not let a client-written XFCC element stand for the gateway', async () => {
    const res = await app.inject({
      url: url(),
      headers: {
        ...asUser(alice),
        'x-forwarded-client-cert': `URI=${GATEWAY},${xfcc('spiffe://cluster.local/ns/user/sa/default-editor')}`,
      },
    });
    assert.equal(res.statusCode, 401);
  });

  it('still accepts Bearer tokens from anywhere (they are verified, not trusted)', async () => {
    const res = await app.inject({ url: url(), headers: { authorization: `Bearer ${alice.token}` } });
    assert.equal(res.statusCode, 200);
  });
});
