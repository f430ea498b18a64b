import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planNotebook } from '../src/notebook-form.ts';
import {
  type PlannedVolume,
  claimNames,
  podVolumesAndMounts,
  workspaceClaim,
} from '../src/notebook-volumes.ts';
import { formContext } from './form-fixtures.ts';

describe('volume helpers', () => {
  it('finds the workspace claim and claim names', () => {
    const { notebook } = planNotebook(
      {
        name: 'nb',
        datavols: [{ mount: '/d', existingSource: { persistentVolumeClaim: { claimName: 'd' } } }],
      },
      formContext(),
    );
    assert.equal(workspaceClaim(notebook, '/home/jovyan/'), 'nb-workspace');
    assert.equal(workspaceClaim(notebook, '/elsewhere'), undefined);
    assert.deepEqual(claimNames(notebook.spec?.template?.spec), ['nb-workspace', 'd']);
    assert.deepEqual(claimNames(undefined), []);
    assert.equal(workspaceClaim({}, '/home/jovyan'), undefined);
  });
});

describe('pod volumes and mounts', () => {
  const claim = (name: string, mount: string, field = 'datavols/0'): PlannedVolume => ({
    mount,
    field,
    volume: { name, persistentVolumeClaim: { claimName: name } },
  });

  it('mounts one volume twice under one name', () => {
    const { podVolumes, volumeMounts } = podVolumesAndMounts([claim('d', '/a'), claim('d', '/b')], false);
    assert.deepEqual(podVolumes, [{ name: 'd', persistentVolumeClaim: { claimName: 'd' } }]);
    assert.deepEqual(volumeMounts, [
      { name: 'd', mountPath: '/a' },
      { name: 'd', mountPath: '/b' },
    ]);
  });

  it('renames a different volume whose name is taken instead of dropping it', () => {
    const { podVolumes, volumeMounts } = podVolumesAndMounts(
      [
        claim('dshm', '/data'),
        claim('volume-1', '/more'),
        {
          mount: '/ro',
          field: 'datavols/2',
          volume: { name: 'volume-1', persistentVolumeClaim: { claimName: 'volume-1', readOnly: true } },
        },
      ],
      true,
    );
    assert.deepEqual(
      podVolumes.map((volume) => volume.name),
      ['volume-1', 'volume-2', 'volume-3', 'dshm'],
    );
    assert.deepEqual(podVolumes[0], { name: 'volume-1', persistentVolumeClaim: { claimName: 'dshm' } });
    assert.deepEqual(podVolumes[3], { name: 'dshm', emptyDir: { medium: 'Memory' } });
    assert.deepEqual(volumeMounts, [
      { name: 'volume-1', mountPath: '/data' },
      { name: 'volume-2', mountPath: '/more' },
      { name: 'volume-3', mountPath: '/ro' },
      { name: 'dshm', mountPath: '/dev/shm' },
    ]);
  });

  it('a new PVC named dshm does not replace shared memory in the CR', () => {
    const { notebook } = planNotebook(
      {
        name: 'nb',
        workspace: {
          mount: '/home/jovyan',
          newPvc: {
            metadata: { name: 'dshm' },
            spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
          },
        },
      },
      formContext(),
    );
    assert.deepEqual(notebook.spec?.template?.spec?.volumes, [
      { name: 'volume-1', persistentVolumeClaim: { claimName: 'dshm' } },
      { name: 'dshm', emptyDir: { medium: 'Memory' } },
    ]);
  });

  it('records where each new PVC name came from, for errors about it', () => {
    const plan = planNotebook(
      {
        name: 'nb',
        datavols: [
          { mount: '/e', existingSource: { emptyDir: {} } },
          {
            mount: '/d',
            newPvc: {
              metadata: { name: '{notebook-name}-d' },
              spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
            },
          },
        ],
      },
      formContext(),
    );
    assert.deepEqual(plan.newPvcFields, {
      'nb-workspace': '/body/workspace/newPvc/metadata/name',
      'nb-d': '/body/datavols/1/newPvc/metadata/name',
    });
  });
});
