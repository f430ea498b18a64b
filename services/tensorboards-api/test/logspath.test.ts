import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLogspath } from '../src/logspath.ts';

const schemes = ['gs', 's3'];

describe('logspath', () => {
  it('reads pvc:// paths', () => {
    assert.deepEqual(parseLogspath('pvc://logs-vol/runs/exp1', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: 'runs/exp1', canonical: 'pvc://logs-vol/runs/exp1' },
    });
    assert.deepEqual(parseLogspath('pvc://logs-vol', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: '', canonical: 'pvc://logs-vol' },
    });
    assert.deepEqual(parseLogspath('pvc://logs-vol/./a//b/', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: 'a/b', canonical: 'pvc://logs-vol/./a//b/' },
    });
    // the scheme is stored in lower case (the controller matches it case-sensitively); the rest as given
    assert.deepEqual(parseLogspath('  PVC://logs-vol/My%20Runs  ', schemes), {
      ok: true,
      value: { kind: 'pvc', pvc: 'logs-vol', subpath: 'My Runs', canonical: 'pvc://logs-vol/My%20Runs' },
    });
  });

  it('refuses paths that leave the volume, however they are spelled', () => {
    for (const [path, message] of [
      ['pvc://v/../x', /may not leave the volume \("\.\." in the path\)/],
      ['pvc://v/a/../../x', /"\.\." in the path/],
      ['pvc://v/..', /"\.\." in the path/],
      ['pvc://v/%2e%2e/x', /"\.\." in the path/],
      ['pvc://v/%2E%2E/x', /"\.\." in the path/],
      ['pvc://v/.%2e/x', /"\.\." in the path/],
      ['pvc://v/%252e%252e/x', /"\.\." in the path/],
      ['pvc://v/a%2f..%2fb', /"\.\." in the path/],
      ['pvc://v/%2Fetc/passwd', /an encoded absolute path/],
      ['pvc://v/%252Fetc', /an encoded absolute path/],
      ['pvc://v/a\\..\\b', /backslashes/],
      ['pvc://v/a%5c..%5cb', /backslashes/],
      ['pvc://v/a%00b', /control characters/],
    ] as const) {
      const result = parseLogspath(path, schemes);
      assert.equal(result.ok, false, path);
      if (!result.ok) assert.match(result.message, message, path);
    }
    // names that merely contain dots stay inside the volume
    assert.equal(parseLogspath('pvc://v/..hidden/a..b/...', schemes).ok, true);
  });

  it('refuses bad PVC names and empty or malformed values', () => {
    for (const [path, message] of [
      ['pvc:///runs', /names no PVC/],
      ['pvc://', /names no PVC/],
      ['pvc://Bad_Name/x', /invalid PVC "Bad_Name"/],
      ['pvc://l%6fgs/x', /invalid PVC/],
      ['', /empty/],
      ['   ', /empty/],
      [`s3://${'a'.repeat(1100)}`, /longer than 1024/],
      ['/local/path', /must be pvc:\/\/<pvc>\/<path> or a URL with one of: gs:\/\/, s3:\/\//],
      ['logs', /must be pvc/],
      ['pvc:/logs/x', /must be pvc/],
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
      value: { kind: 'objectStore', scheme: 'gs', canonical: 'gs://bucket/runs' },
    });
    assert.deepEqual(parseLogspath('S3://bucket', schemes), {
      ok: true,
      value: { kind: 'objectStore', scheme: 's3', canonical: 's3://bucket' },
    });
    const other = parseLogspath('hdfs://nn/logs', schemes);
    assert.equal(other.ok, false);
    if (!other.ok) assert.match(other.message, /scheme "hdfs:\/\/"/);
    assert.equal(parseLogspath('hdfs://nn/logs', [...schemes, 'hdfs']).ok, true);
    for (const path of ['gs://', 'gs:///x']) {
      const result = parseLogspath(path, schemes);
      assert.equal(result.ok, false, path);
      if (!result.ok) assert.match(result.message, /needs a bucket after gs:\/\//);
    }
  });
});
