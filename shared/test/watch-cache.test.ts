import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from '../src/kube/resources.ts';
import { WatchCache } from '../src/kube/watch-cache.ts';
import { adminKube, createNamespace, eventually } from '../test-support/index.ts';

describe('watch cache', () => {
  let namespace: string;
  let cache: WatchCache;

  before(async () => {
    namespace = await createNamespace('cache');
    const kube = await adminKube();
    await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'before-start', namespace },
      spec: { selector: { matchLabels: { a: 'true' } } },
    });
    cache = new WatchCache(kube, resources.podDefaults, { pageSize: 1 }).start();
    await cache.waitForSync();
  });
  after(() => cache.stop());

  it('lists existing objects (paged) and indexes them by namespace', () => {
    assert.equal(cache.synced, true);
    assert.equal(cache.get(namespace, 'before-start')?.metadata?.name, 'before-start');
    assert.deepEqual(
      cache.list(namespace).map((o) => o.metadata?.name),
      ['before-start'],
    );
    assert.equal(cache.get(namespace, 'before-start')?.metadata?.managedFields, undefined);
  });

  it('follows additions, changes and deletions and bumps the namespace revision', async () => {
    const kube = await adminKube();
    const start = cache.revision(namespace);
    await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'later', namespace },
      spec: { desc: 'one' },
    });
    await eventually(() => cache.get(namespace, 'later'));
    await kube.patch(resources.podDefaults, namespace, 'later', { spec: { desc: 'two' } }, 'merge');
    await eventually(() =>
      (cache.get(namespace, 'later')?.spec as { desc?: string })?.desc === 'two' ? true : undefined,
    );
    await kube.delete(resources.podDefaults, namespace, 'later');
    await eventually(() => (cache.get(namespace, 'later') ? undefined : true));
    assert.ok(cache.revision(namespace) >= start + 3);
  });

  it('applies the answer of a write immediately but never goes back in time', async () => {
    const kube = await adminKube();
    const created = await kube.create(resources.podDefaults, namespace, {
      apiVersion: 'kubeflow.org/v1alpha1',
      kind: 'PodDefault',
      metadata: { name: 'ryw', namespace },
      spec: { desc: 'v1' },
    });
    cache.applyWrite(created);
    assert.equal(cache.get(namespace, 'ryw')?.metadata?.resourceVersion, created.metadata?.resourceVersion);
    const updated = await kube.patch(
      resources.podDefaults,
      namespace,
      'ryw',
      { spec: { desc: 'v2' } },
      'merge',
    );
    cache.applyWrite(updated);
    cache.applyWrite(created); // a stale answer arriving late
    assert.equal(cache.get(namespace, 'ryw')?.metadata?.resourceVersion, updated.metadata?.resourceVersion);
  });
});
