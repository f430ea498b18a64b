import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isQuotaResourceName,
  namespaceForUser,
  ownerOf,
  planProfile,
  quotaProblems,
} from '../src/profile-model.ts';

describe('profile helpers', () => {
  it('derives a namespace from an email', () => {
    assert.equal(namespaceForUser('Jane.Doe@example.com'), 'jane-doe');
    assert.equal(namespaceForUser('@example.com'), undefined);
    assert.equal(namespaceForUser('x'.repeat(70))?.length, 63);
  });

  it('reads only User or Group owners with a name', () => {
    assert.deepEqual(ownerOf({ spec: { owner: { kind: 'Group', name: 'team' } } }), {
      kind: 'Group',
      name: 'team',
    });
    assert.equal(ownerOf({ spec: { owner: { kind: 'ServiceAccount', name: 'sa' } } }), undefined);
    assert.equal(ownerOf({ spec: { owner: { kind: 'User', name: '' } } }), undefined);
    assert.equal(ownerOf({ spec: {} }), undefined);
  });

  it('plans a Profile that keeps resourceQuotaSpec', () => {
    const profile = planProfile({
      name: 'p',
      owner: { kind: 'User', name: 'u@x.io' },
      resourceQuotaSpec: { hard: { cpu: '4' } },
    });
    assert.deepEqual(profile.spec, {
      owner: { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'u@x.io' },
      resourceQuotaSpec: { hard: { cpu: '4' } },
    });
  });
});

describe('quota checks', () => {
  it('accepts what a ResourceQuota accepts', () => {
    assert.deepEqual(
      quotaProblems(
        {
          hard: {
            cpu: '500m',
            memory: '1Gi',
            'requests.nvidia.com/gpu': '1',
            'count/deployments.apps': '10',
            'gold.storageclass.storage.k8s.io/requests.storage': '500Gi',
            pods: '0',
          },
          scopes: ['NotTerminating', 'PriorityClass'],
        },
        '/q',
      ),
      [],
    );
    assert.deepEqual(quotaProblems(undefined, '/q'), []);
    assert.deepEqual(quotaProblems({}, '/q'), []);
  });

  it('names each bad quantity', () => {
    for (const value of ['much', '', ' 4', '-1', '4 cores', 4]) {
      assert.deepEqual(
        quotaProblems({ hard: { cpu: value } }, '/q').map((p) => p.field),
        ['/q/hard/cpu'],
        JSON.stringify(value),
      );
    }
  });

  it('names each resource name a ResourceQuota refuses', () => {
    for (const name of ['my cpu', 'cpu!', 'a/b/c', '/gpu', 'Bad_Prefix/gpu', '-cpu', 'x'.repeat(64)]) {
      assert.equal(isQuotaResourceName(name), false, name);
      const problems = quotaProblems({ hard: { [name]: '1' } }, '/q');
      assert.deepEqual(
        problems.map((p) => p.field),
        [`/q/hard/${name}`],
        name,
      );
      assert.match(problems[0]!.message, /resource name/);
    }
  });

  it('names unknown scopes with the ones Kubernetes knows', () => {
    const problems = quotaProblems({ scopes: ['BestEffort', 'Cheap'] }, '/q');
    assert.deepEqual(
      problems.map((p) => p.field),
      ['/q/scopes/1'],
    );
    assert.match(problems[0]!.message, /must be one of Terminating, NotTerminating, BestEffort/);
  });
});
