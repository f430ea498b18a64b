import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServiceApp } from '../src/app-factory.ts';
import { baseConfigProperties } from '../src/config.ts';
import { publicRoute } from '../src/auth/route-access.ts';
import { serviceKube, testConfig } from '../test-support/index.ts';

async function bareApp() {
  return createServiceApp({
    name: 't',
    title: 't',
    description: 't',
    version: '0',
    config: testConfig(baseConfigProperties),
    kube: await serviceKube(),
    logger: false,
    connect: false,
  });
}

describe('route access declarations', () => {
  it('refuses to start when a route declares no access', async () => {
    const app = await bareApp();
    app.get('/api/forgotten', {}, async () => ({}));
    await assert.rejects(async () => {
      await app.ready();
    }, /Routes registered without an access declaration \(config.access\): GET \/api\/forgotten/);
    await app.close().catch(() => undefined);
  });

  it('starts when "no check" is an explicit public choice', async () => {
    const app = await bareApp();
    app.get('/open', { config: { access: publicRoute('test') } }, async () => ({ open: true }));
    await app.ready();
    const res = await app.inject({ url: '/open' });
    assert.deepEqual(res.json(), { open: true });
    await app.close();
  });
});
