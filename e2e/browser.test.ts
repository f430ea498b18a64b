/// <reference lib="dom" />
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { buildFixtureApp } from '../shared/test/fixture-app.ts';
import { resources } from '../shared/src/kube/resources.ts';
import {
  adminKube,
  bindRole,
  createNamespace,
  metricValue,
  testUser,
  waitForAggregatedRole,
} from '../shared/test-support/index.ts';
import { buildGateway } from '../tools/dev-gateway/gateway.ts';

const SPA_DIR = fileURLToPath(new URL('./browser-spa', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('an SPA-like page in headless Chromium, through the gateway', () => {
  let jupyter: Awaited<ReturnType<typeof buildFixtureApp>>;
  let volumes: Awaited<ReturnType<typeof buildFixtureApp>>;
  let gateway: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let namespace: string;
  const alice = testUser('alice');

  const listen = async (app: { listen: FastifyInstance['listen']; server: FastifyInstance['server'] }) => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };

  before(async () => {
    jupyter = await buildFixtureApp({ SPA_DIR, APP_PREFIX: '/jupyter' });
    volumes = await buildFixtureApp({ SPA_DIR, APP_PREFIX: '/volumes' });
    const [jupyterUrl, volumesUrl] = [await listen(jupyter), await listen(volumes)];
    gateway = await buildGateway({
      upstreams: {
        jupyter: jupyterUrl,
        volumes: volumesUrl,
        tensorboards: volumesUrl,
        profiles: volumesUrl,
      },
      users: [{ name: alice.name, groups: alice.groups, role: 'editor' }],
    });
    origin = await listen(gateway);
    namespace = await createNamespace('browser');
    await waitForAggregatedRole('kubeflow-edit');
    await bindRole(namespace, { kind: 'User', name: alice.name }, 'kubeflow-edit');
    const kube = await adminKube();
    await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'one', namespace },
      spec: { selector: { matchLabels: { one: 'true' } } },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await gateway?.close();
    await jupyter?.close();
    await volumes?.close();
  });

  it('loads under its prefix with <base href> set, lists, and creates with the CSRF header read from document.cookie', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/jupyter/?ns=${namespace}`);
    assert.equal(await page.textContent('#base'), '/jupyter/');
    await page.waitForFunction(() => document.getElementById('list')?.textContent !== 'loading');
    assert.equal(await page.textContent('#list'), '1 items');
    const cookies = await page.context().cookies();
    const xsrf = cookies.find((cookie) => cookie.name === 'XSRF-TOKEN');
    assert.equal(xsrf?.path, '/jupyter');
    assert.equal(xsrf?.httpOnly, false);
    await page.click('#create-button');
    await page.waitForFunction(() => document.getElementById('create')?.textContent !== 'not yet');
    assert.equal(await page.textContent('#create'), 'created from-the-page');
    await page.close();
  });

  it("fails a create without the header with upstream's message", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/jupyter/?ns=${namespace}`);
    await page.evaluate(() => {
      (window as unknown as { omitCsrfHeader: boolean }).omitCsrfHeader = true;
    });
    await page.click('#create-button');
    await page.waitForFunction(() => document.getElementById('create')?.textContent !== 'not yet');
    assert.equal(
      await page.textContent('#create'),
      'error 403: Could not detect CSRF protection header X-XSRF-TOKEN.',
    );
    await page.close();
  });

  it('loads a deep link on a fresh page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(
      `${origin}/jupyter/notebook/details/${namespace}/my-notebook?ns=${namespace}`,
    );
    assert.equal(response?.status(), 200);
    assert.equal(await page.textContent('#route'), `/jupyter/notebook/details/${namespace}/my-notebook`);
    await page.waitForFunction(() => document.getElementById('list')?.textContent !== 'loading');
    assert.equal(await page.textContent('#list'), '1 items');
    await page.close();
  });

  it('revalidates a list it has seen: the server answers 304', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/jupyter/?ns=${namespace}`);
    await page.waitForFunction(() => document.getElementById('list')?.textContent === '1 items');
    const count304 = async () =>
      metricValue((await jupyter.inject({ url: '/metrics' })).body, 'http_request_duration_seconds_count', {
        route: '/api/namespaces/:namespace/poddefaults',
        status: '304',
      });
    const before = await count304();
    await page.click('#reload-list');
    await page.waitForTimeout(300);
    await page.click('#reload-list');
    await page.waitForTimeout(300);
    assert.equal(await page.textContent('#list'), '1 items');
    assert.ok((await count304()) - before >= 2, 'the browser revalidated and got 304s');
    await page.close();
  });

  it('follows a cross-app deep link (/jupyter -> /volumes) through the gateway', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/jupyter/?ns=${namespace}`);
    await page.goto(`${origin}/volumes/volume/details/${namespace}/data?ns=${namespace}`);
    assert.equal(await page.textContent('#base'), '/volumes/');
    await page.waitForFunction(() => document.getElementById('list')?.textContent !== 'loading');
    assert.equal(await page.textContent('#list'), '1 items');
    const cookies = await page.context().cookies(`${origin}/volumes/`);
    assert.ok(cookies.some((cookie) => cookie.name === 'XSRF-TOKEN' && cookie.path === '/volumes'));
    await page.close();
  });
});
