import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resources } from '@kf-ts/shared';
import { adminKube, asUser, eventually } from '@kf-ts/shared/testing';
import { parse } from 'yaml';
import { bundledConfigPath } from '../src/spawner-config.ts';
import { alice, buildTestApp, json, mallory } from './helpers.ts';

describe('GET /api/config and /api/gpus', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  const nodeName = `gpu-node-${process.pid}`;
  before(async () => {
    app = await buildTestApp();
    const kube = await adminKube();
    await kube.delete(resources.nodes, undefined, nodeName).catch(() => undefined);
    await kube.create(resources.nodes, undefined, {
      metadata: { name: nodeName },
      status: { capacity: { cpu: '8', 'nvidia.com/gpu': '4', 'example.com/fpga': '1' } },
    });
  });
  after(async () => {
    await (await adminKube()).delete(resources.nodes, undefined, nodeName).catch(() => undefined);
    await app.close();
  });

  it('answers the bundled spawnerFormDefaults when no config is mounted', async () => {
    const res = await app.inject({ url: '/api/config', headers: asUser(mallory) });
    assert.equal(res.statusCode, 200);
    const bundled = parse(readFileSync(bundledConfigPath(), 'utf8')).spawnerFormDefaults;
    assert.deepEqual(json(res), { success: true, status: 200, user: mallory.name, config: bundled });
  });

  it('answers the configured vendors some node offers', async () => {
    const body = await eventually(async () => {
      const res = await app.inject({ url: '/api/gpus', headers: asUser(alice) });
      return json(res).vendors.length > 0 ? json(res) : undefined;
    });
    assert.deepEqual(body, { success: true, status: 200, user: alice.name, vendors: ['nvidia.com/gpu'] });
  });

  it('needs an identity', async () => {
    for (const url of ['/api/config', '/api/gpus']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 401);
      assert.equal(json(res).log, 'No user detected.');
    }
  });
});

describe('spawner config file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'jupyter-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is read from SPAWNER_CONFIG_PATH and reloaded when it changes', async () => {
    const path = join(dir, 'spawner_ui_config.yaml');
    writeFileSync(
      path,
      'spawnerFormDefaults:\n  allowCustomImage: false\n  cpu: {value: "1", limitFactor: none}\n',
    );
    const app = await buildTestApp({ SPAWNER_CONFIG_PATH: path });
    try {
      const first = json(await app.inject({ url: '/api/config', headers: asUser(alice) }));
      assert.deepEqual(first.config, { allowCustomImage: false, cpu: { value: '1', limitFactor: 'none' } });
      writeFileSync(path, 'spawnerFormDefaults:\n  allowCustomImage: true\n');
      const reloaded = await eventually(async () => {
        const body = json(await app.inject({ url: '/api/config', headers: asUser(alice) }));
        return body.config.allowCustomImage === true ? body : undefined;
      });
      assert.deepEqual(reloaded.config, { allowCustomImage: true });
      // an invalid edit keeps the last good config
      writeFileSync(path, 'spawnerFormDefaults:\n  cpu: {value: lots}\n');
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(json(await app.inject({ url: '/api/config', headers: asUser(alice) })).config, {
        allowCustomImage: true,
      });
    } finally {
      await app.close();
    }
  });

  it('stops the service at start when invalid', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'spawnerFormDefaults:\n  imagePullPolicy: {value: Sometimes}\n');
    await assert.rejects(
      buildTestApp({ SPAWNER_CONFIG_PATH: path }),
      /Invalid spawner config .*imagePullPolicy/s,
    );
  });
});
