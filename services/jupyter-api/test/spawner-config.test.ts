import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  SpawnerConfigError,
  SpawnerConfigStore,
  bundledConfigPath,
  parseSpawnerConfig,
} from '../src/spawner-config.ts';

describe('spawner config', () => {
  it('bundles upstream defaults', () => {
    const defaults = parseSpawnerConfig(readFileSync(bundledConfigPath(), 'utf8'), 'bundled');
    assert.equal(defaults.allowCustomImage, true);
    assert.equal(defaults.hideRegistry, true);
    assert.equal(defaults.hideTag, false);
    assert.deepEqual(defaults.imagePullPolicy, { readOnly: false, value: 'IfNotPresent' });
    assert.equal(defaults.image?.options?.length, 6);
    assert.deepEqual(defaults.cpu, { readOnly: false, value: '0.5', limitFactor: '1.2' });
    assert.deepEqual(defaults.memory, { readOnly: false, value: '1.0Gi', limitFactor: '1.2' });
    assert.deepEqual(
      defaults.gpus?.value?.vendors?.map((v) => v.limitsKey),
      ['nvidia.com/gpu', 'amd.com/gpu', 'habana.ai/gaudi'],
    );
    assert.equal(defaults.gpus?.value?.num, 'none');
    assert.deepEqual(defaults.workspaceVolume?.value, {
      mount: '/home/jovyan',
      newPvc: {
        metadata: { name: '{notebook-name}-workspace' },
        spec: { resources: { requests: { storage: '5Gi' } }, accessModes: ['ReadWriteOnce'] },
      },
    });
    assert.deepEqual(defaults.dataVolumes, { readOnly: false, value: [] });
    assert.deepEqual(defaults.shm, { readOnly: false, value: true });
    assert.deepEqual(defaults.configurations, { readOnly: false, value: [] });
    assert.deepEqual(defaults.environment, { readOnly: false, value: {} });
    assert.deepEqual(defaults.affinityConfig, { readOnly: false, value: '', options: [] });
    assert.deepEqual(defaults.tolerationGroup, { readOnly: false, value: '', options: [] });
  });

  it('names every problem of an invalid config', () => {
    assert.throws(() => parseSpawnerConfig('foo: 1', 'x.yaml'), /must have a "spawnerFormDefaults"/);
    assert.throws(() => parseSpawnerConfig('a: [', 'x.yaml'), /not valid YAML/);
    assert.throws(
      () =>
        parseSpawnerConfig(
          'spawnerFormDefaults:\n  cpu: {value: lots, limitFactor: "0.5"}\n  imagePullPolicy: {value: Sometimes}\n',
          'x.yaml',
        ),
      (err: unknown) => err instanceof SpawnerConfigError && /imagePullPolicy/.test(err.message),
    );
    assert.throws(
      () => parseSpawnerConfig('spawnerFormDefaults:\n  cpu: {value: lots, limitFactor: "0.5"}\n', 'x.yaml'),
      (err: unknown) =>
        err instanceof SpawnerConfigError && /cpu.value/.test(err.message) && /limitFactor/.test(err.message),
    );
  });

  it('falls back to the bundled file, refuses an invalid file at start, reloads on change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spawner-'));
    try {
      const path = join(dir, 'spawner_ui_config.yaml');
      const missing = new SpawnerConfigStore(path);
      assert.equal(missing.current.source, bundledConfigPath());
      writeFileSync(path, 'spawnerFormDefaults:\n  cpu: {value: nope}\n');
      assert.throws(() => new SpawnerConfigStore(path), SpawnerConfigError);
      writeFileSync(path, 'spawnerFormDefaults:\n  cpu: {value: "1"}\n');
      const store = new SpawnerConfigStore(path);
      store.start(100);
      try {
        assert.equal(store.current.defaults.cpu?.value, '1');
        writeFileSync(path, 'spawnerFormDefaults:\n  cpu: {value: "2"}\n');
        const deadline = Date.now() + 5000;
        const cpu = () => String(store.current.defaults.cpu?.value);
        while (cpu() !== '2' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.equal(store.current.defaults.cpu?.value, '2');
        assert.equal(store.current.version, 2);
        // an invalid change keeps the last good config
        writeFileSync(path, 'spawnerFormDefaults: [\n');
        assert.equal(store.reload(), false);
        assert.equal(store.current.defaults.cpu?.value, '2');
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
