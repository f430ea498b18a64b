import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PvcObject, pvcChoice, pvcChoices } from '../src/pvc-choice.ts';

describe('PVC choices for the spawner form', () => {
  it('shows name, requested size and first access mode, sorted by name', () => {
    const pvcs: PvcObject[] = [
      {
        metadata: { name: 'zeta' },
        spec: {
          resources: { requests: { storage: '10Gi' } },
          accessModes: ['ReadWriteMany', 'ReadOnlyMany'],
        },
      },
      {
        metadata: { name: 'alpha' },
        spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
      },
    ];
    assert.deepEqual(pvcChoices(pvcs), [
      { name: 'alpha', size: '1Gi', mode: 'ReadWriteOnce' },
      { name: 'zeta', size: '10Gi', mode: 'ReadWriteMany' },
    ]);
  });

  it('shows what is known of odd PVCs instead of failing', () => {
    const odd = [
      {},
      { metadata: { name: 'no-spec' } },
      { metadata: { name: 'no-requests' }, spec: { resources: {} } },
      {
        metadata: { name: 'numeric' },
        spec: { resources: { requests: { storage: 5 } }, accessModes: 'ReadWriteOnce' },
      },
      {
        metadata: { name: 'odd-modes' },
        spec: { resources: { requests: { storage: { x: 1 } } }, accessModes: [7] },
      },
    ] as PvcObject[];
    assert.deepEqual(odd.map(pvcChoice), [
      { name: '', size: '', mode: '' },
      { name: 'no-spec', size: '', mode: '' },
      { name: 'no-requests', size: '', mode: '' },
      { name: 'numeric', size: '5', mode: '' },
      { name: 'odd-modes', size: '', mode: '' },
    ]);
  });
});
