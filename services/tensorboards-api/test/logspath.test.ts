import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLogspath } from '../src/logspath.ts';

const schemes = ['gs', 's3'];

describe('logspath', () => {
  it('reads pvc:// paths', () => {
    assert.deepEqual(parseLogspath('pvc://logs-vol/runs/exp1', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: 'runs/exp1' },
    });
    assert.deepEqual(parseLogspath('pvc://logs-vol', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: '' },
    });
    assert.deepEqual(parseLogspath('pvc://logs-vol/./a//b/', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: 'a/b' },
    });
  });

  it('refuses paths that leave the volume, however they are spelled', () => {
    for (const path of [
      'pvc://v/../x',
      'pvc://v/a/../../x',
      'pvc://v/%2e%2e/x',
      'pvc://v/a%2f..%2fb',
      'pvc://v/a\\..\\b',
      'pvc://v/..',
    ]) {
      const result = parseLogspath(path, schemes);
      assert.equal(result.ok, false, path);
    }
  });

  it('refuses bad PVC names and empty or malformed values', () => {
    for (const [path, message] of [
      ['pvc:///runs', /names no PVC/],
      ['pvc://Bad_Name/x', /invalid PVC/],
      ['', /empty/],
      ['/local/path', /must be pvc:\/\//],
      ['pvc://v/%zz', /percent-encoding/],
      ['pvc://v/a\u0000b', /control characters/],
    ] as const) {
      const result = parseLogspath(path, schemes);
      assert.equal(result.ok, false, path);
      if (!result.ok) assert.match(result.message, message);
    }
  });

  it('accepts allowed object stores only, with a bucket', () => {
    assert.deepEqual(parseLogspath('gs://bucket/runs', schemes), {
      ok: true,
      value: { kind: 'objectStore', scheme: 'gs', url: 'gs://bucket/runs' },
    });
    assert.deepEqual(parseLogspath('S3://bucket', schemes), {
      ok: true,
      value: { kind: 'objectStore', scheme: 's3', url: 'S3://bucket' },
    });
    const other = parseLogspath('hdfs://nn/logs', schemes);
    assert.equal(other.ok, false);
    if (!other.ok) assert.match(other.message, /scheme "hdfs:\/\/"/);
    assert.equal(parseLogspath('hdfs://nn/logs', [...schemes, 'hdfs']).ok, true);
    assert.equal(parseLogspath('gs://', schemes).ok, false);
    assert.equal(parseLogspath('gs:///x', schemes).ok, false);
  });
});
