import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildFixtureApp } from '../shared/test/fixture-app.ts';
import { bindRole, createNamespace, testUser, waitForAggregatedRole } from '../shared/test-support/index.ts';
import { buildGateway } from '../tools/dev-gateway/gateway.ts';

describe('development gateway (real sockets)', () => {
  let upstream: Awaited<ReturnType<typeof buildFixtureApp>>;
  let gateway: FastifyInstance;
  let namespace: string;
  const alice = testUser('alice');
  const bob = testUser('bob');

  before(async () => {
    upstream = await buildFixtureApp();
    await upstream.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
    gateway = await buildGateway({
      upstreams: { jupyter: url, volumes: url, tensorboards: url, profiles: url },
      users: [
        { name: alice.name, groups: alice.groups, role: 'owner' },
        { name: bob.name, groups: bob.groups, role: 'stranger' },
      ],
    });
    await gateway.ready();
    namespace = await createNamespace('gateway');
    await waitForAggregatedRole('kubeflow-view');
    await bindRole(namespace, { kind: 'Group', name: 'team-alpha' }, 'kubeflow-view');
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('routes an app prefix to its service with the prefix rewritten, acting as the default dev user with groups', async () => {
    const res = await request(gateway.server).get(`/jupyter/api/namespaces/${namespace}/pods`).expect(200);
    assert.equal(res.body.user, alice.name);
    assert.match(String(res.headers['set-cookie']), /XSRF-TOKEN=.*Path=\/jupyter/);
  });

  it('never passes identity headers from the client', async () => {
    const res = await request(gateway.server)
      .get(`/volumes/api/namespaces/${namespace}/pods`)
      .set('kubeflow-userid', 'admin')
      .set('kubeflow-groups', 'system:masters')
      .expect(200);
    assert.equal(res.body.user, alice.name);
  });

  it('switches the dev user with a cookie, including to nobody', async () => {
    const agent = request.agent(gateway.server);
    await agent.get(`/dev/user?name=${encodeURIComponent(bob.name)}`).expect(302);
    const asBob = await agent.get(`/tensorboards/api/namespaces/${namespace}/pods`);
    assert.equal(asBob.status, 403);
    assert.equal(asBob.body.user, bob.name);
    await agent.get('/dev/user?name=').expect(302);
    await agent.get(`/tensorboards/api/namespaces/${namespace}/pods`).expect(401);
    await request(gateway.server).get('/dev/user?name=eve@example.com').expect(400);
  });

  it("serves one page linking every service's API docs and warns that it is for development", async () => {
    const res = await request(gateway.server).get('/').expect(200);
    for (const link of [
      '/jupyter/api/docs/',
      '/volumes/api/docs/',
      '/tensorboards/api/docs/',
      '/profiles/api/docs/',
    ]) {
      assert.ok(res.text.includes(`href="${link}"`), link);
    }
    assert.match(res.text, /Development gateway/);
    const docs = await request(gateway.server).get('/jupyter/api/openapi.json').expect(200);
    assert.equal(docs.body.openapi, '3.0.3');
  });

  it('passes the workgroup and KFAM paths through unchanged', async () => {
    const res = await request(gateway.server).get('/kfam/v1/nothing').expect(404);
    assert.equal(res.body.log, 'No route GET /kfam/v1/nothing.');
    const workgroup = await request(gateway.server).get('/api/workgroup/nothing').expect(404);
    assert.equal(workgroup.body.log, 'No route GET /api/workgroup/nothing.');
  });
});
