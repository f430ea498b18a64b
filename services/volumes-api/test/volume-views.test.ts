import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ApiDiscovery,
  type CacheRegistry,
  type KubeClient,
  type KubeObject,
  type ResourceRef,
  WatchCache,
} from '@kf-ts/shared';
import { VolumeViews } from '../src/volume-views.ts';

// Caches that are never started, filled through applyWrite: the row reuse is pure logic, and on
// the real control plane the PV controller rewrites unbound PVCs' events every 15 s, which would
// make "nothing else changed" a race.
const unusedClient = {} as KubeClient;
const registry = {
  cache: (resource: ResourceRef, options?: { fieldSelector?: string }) =>
    new WatchCache(unusedClient, resource, options),
} as unknown as CacheRegistry;
const noOptionalApis = { has: () => false } as unknown as ApiDiscovery;

let resourceVersion = 1;
const pvc = (name: string): KubeObject => ({
  metadata: {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    resourceVersion: String(resourceVersion++),
    creationTimestamp: '2026-11-22T12:00:00Z',
  },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});
const event = (claim: string, message: string): KubeObject =>
  ({
    metadata: { name: `${claim}.event`, namespace: 'ns', resourceVersion: String(resourceVersion++) },
    involvedObject: { kind: 'PersistentVolumeClaim', name: claim, uid: `uid-${claim}` },
    type: 'Warning',
    reason: 'ProvisioningFailed',
    message,
    lastTimestamp: '2026-11-22T12:01:00Z',
  }) as KubeObject;
const notebook = (name: string, claims: string[]): KubeObject =>
  ({
    metadata: { name, namespace: 'ns', resourceVersion: String(resourceVersion++) },
    spec: {
      template: {
        spec: {
          containers: [{ name }],
          volumes: claims.map((claim) => ({ name: claim, persistentVolumeClaim: { claimName: claim } })),
        },
      },
    },
  }) as KubeObject;

describe('VolumeViews: list rows', () => {
  it('summarizes again only the PVCs whose own inputs changed; the others keep their objects', () => {
    const views = new VolumeViews(registry, noOptionalApis);
    for (const name of ['a', 'b', 'c']) views.pvcs.applyWrite(pvc(name) as never);
    const first = views.summaries('ns');
    assert.deepEqual(
      first.map((row) => row.name),
      ['a', 'b', 'c'],
    );
    assert.equal(views.summaries('ns'), first, 'nothing changed: the same list');

    views.events.applyWrite(event('b', 'storage backend is full') as never);
    const second = views.summaries('ns');
    assert.notEqual(second, first);
    assert.equal(second[0], first[0], 'a is kept');
    assert.notEqual(second[1], first[1], 'b has a new event');
    assert.equal(second[1]?.status.message, 'Pending: storage backend is full');
    assert.equal(second[2], first[2], 'c is kept');

    views.notebooks.applyWrite(notebook('nb', ['c']) as never);
    const third = views.summaries('ns');
    assert.equal(third[0], second[0]);
    assert.equal(third[1], second[1]);
    assert.deepEqual(third[2]?.notebooks, ['nb'], 'c has a new user');

    views.pvcs.applyWrite(pvc('d') as never);
    const fourth = views.summaries('ns');
    assert.deepEqual(
      fourth.map((row) => row.name),
      ['a', 'b', 'c', 'd'],
    );
    assert.deepEqual(fourth.slice(0, 3), third, 'an added PVC leaves the others as they were');
    for (const [index, row] of third.entries()) assert.equal(fourth[index], row);
  });
});
