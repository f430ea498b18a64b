import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SarCache } from '../src/auth/sar-cache.ts';
import { ApiError } from '../src/http/errors.ts';
import type { KubeClient } from '../src/kube/kube-client.ts';
import { KubeRequestError } from '../src/kube/kube-errors.ts';

/**
 * The API server's side of a SarCache, scripted: what each review and each /readyz answers. The
 * moment this stands in for (a kube-apiserver that serves before its RBAC informers have synced)
 * lasts a fraction of a second on a real one, too short to hit on purpose; the outage tests in
 * api-server-outage.test.ts and reliability/faults.test.ts run the rest against the real thing.
 */
function scriptedApiServer() {
  const calls: string[] = [];
  const script = {
    review: 'deny' as 'allow' | 'deny' | 'unreachable',
    readyz: 'ready' as 'ready' | 'starting' | 'forbidden',
  };
  const kube = {
    request(method: string, path: string) {
      calls.push(path);
      if (path === '/readyz') {
        if (script.readyz === 'ready') return Promise.resolve('ok');
        const status = script.readyz === 'starting' ? 500 : 403;
        return Promise.reject(new KubeRequestError(status, { message: 'no' }, `${method} ${path}`));
      }
      if (script.review === 'unreachable') return Promise.reject(new Error('connect ECONNREFUSED'));
      return Promise.resolve({ status: { allowed: script.review === 'allow' } });
    },
  } as unknown as KubeClient;
  const sar = new SarCache(kube, { allowTtlMs: 60_000, denyTtlMs: 60_000, timeoutMs: 1000 });
  return { sar, script, calls };
}

const caller = { name: 'u@example.com', groups: [] };
const listNotebooks = { verb: 'list', group: 'kubeflow.org', resource: 'notebooks', namespace: 'a' };
const isUnavailable = (pattern: RegExp) => (err: unknown) =>
  err instanceof ApiError && err.status === 503 && pattern.test(err.message);

describe('SarCache around an API server restart', () => {
  it('believes a denial from an API server it never lost, without asking /readyz', async () => {
    const { sar, calls } = scriptedApiServer();
    assert.equal(await sar.check(caller, listNotebooks), false);
    assert.deepEqual(calls, ['/apis/authorization.k8s.io/v1/subjectaccessreviews']);
  });

  it('after losing the API server, answers its denials with 503 until /readyz says ready, and caches none of them', async () => {
    const { sar, script, calls } = scriptedApiServer();
    script.review = 'unreachable';
    await assert.rejects(sar.check(caller, listNotebooks), isUnavailable(/Could not check permissions/));

    script.review = 'deny';
    script.readyz = 'starting';
    await assert.rejects(sar.check(caller, listNotebooks), isUnavailable(/is starting/));
    await assert.rejects(sar.check(caller, listNotebooks), isUnavailable(/is starting/));
    assert.equal(calls.filter((path) => path === '/readyz').length, 2, 'each denial asked again');

    script.readyz = 'ready';
    assert.equal(await sar.check(caller, listNotebooks), false);
    const asked = calls.length;
    assert.equal(await sar.check(caller, listNotebooks), false, 'the believed denial is cached');
    assert.equal(calls.length, asked);
    // Ready once is enough: later denials are believed without another /readyz.
    assert.equal(await sar.check(caller, { ...listNotebooks, namespace: 'b' }), false);
    assert.equal(calls.filter((path) => path === '/readyz').length, 3);
  });

  it('trusts an allow at once, even while recovering', async () => {
    const { sar, script, calls } = scriptedApiServer();
    script.review = 'unreachable';
    await assert.rejects(sar.check(caller, listNotebooks));
    script.review = 'allow';
    script.readyz = 'starting';
    assert.equal(await sar.check(caller, listNotebooks), true);
    assert.equal(calls.includes('/readyz'), false);
  });

  it('believes denials again when the cluster will not show it /readyz', async () => {
    const { sar, script } = scriptedApiServer();
    script.review = 'unreachable';
    await assert.rejects(sar.check(caller, listNotebooks));
    script.review = 'deny';
    script.readyz = 'forbidden';
    assert.equal(await sar.check(caller, listNotebooks), false);
  });
});
