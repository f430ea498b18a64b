import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bindingFromRoleBinding,
  bindingName,
  grantsOf,
  planAuthorizationPolicy,
  planRoleBinding,
  roleOfClusterRole,
  sanitiseName,
  trimRoleBinding,
  upstreamBindingName,
} from '../src/binding-model.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('binding names', () => {
  it('keeps upstream names recognisable', () => {
    assert.equal(
      upstreamBindingName({ kind: 'User', name: 'Jane.Doe@Example.com' }, 'edit'),
      'user-jane-doe-example-com-clusterrole-edit',
    );
    assert.equal(sanitiseName('--A..b@@C--'), 'a-b-c');
  });

  it('is deterministic and tells apart subjects upstream would merge', () => {
    const a = { kind: 'User' as const, name: 'first.last@example.com' };
    const b = { kind: 'User' as const, name: 'first-last@example.com' };
    assert.equal(bindingName(a, 'view'), bindingName({ ...a }, 'view'));
    assert.equal(upstreamBindingName(a, 'view'), upstreamBindingName(b, 'view'));
    assert.notEqual(bindingName(a, 'view'), bindingName(b, 'view'));
    assert.notEqual(bindingName(a, 'view'), bindingName({ kind: 'Group', name: a.name }, 'view'));
    assert.notEqual(bindingName(a, 'view'), bindingName(a, 'edit'));
    assert.match(bindingName(a, 'view'), /^user-first-last-example-com-[0-9a-f]{10}-clusterrole-view$/);
  });

  it('is always a valid, bounded object name', () => {
    for (const name of ['x'.repeat(400) + '@example.com', '@@@', 'Ünïcödé@例え.jp', '-lead-and-trail-']) {
      const result = bindingName({ kind: 'User', name }, 'admin');
      assert.match(result, DNS1123_SUBDOMAIN, result);
      assert.ok(result.length <= 253, `${result.length}`);
    }
    assert.match(
      bindingName({ kind: 'Group', name: '@@@' }, 'view'),
      /^group-[0-9a-f]{10}-clusterrole-view$/,
    );
  });
});

describe('reading RoleBindings', () => {
  const rb = (extra: Record<string, unknown>) => ({
    metadata: { name: 'b', namespace: 'ns', annotations: { user: 'u@x.io', role: 'edit' } },
    roleRef: { kind: 'ClusterRole', name: 'kubeflow-edit' },
    subjects: [{ kind: 'User', name: 'u@x.io' }],
    ...extra,
  });

  it('reads an annotated kubeflow binding', () => {
    assert.deepEqual(bindingFromRoleBinding(rb({})), {
      name: 'b',
      namespace: 'ns',
      subject: { kind: 'User', name: 'u@x.io' },
      role: 'edit',
    });
  });

  it('skips odd objects instead of failing', () => {
    const odd = [
      rb({ metadata: { name: 'b', namespace: 'ns' } }),
      rb({ roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }),
      rb({ roleRef: { kind: 'Role', name: 'kubeflow-edit' } }),
      rb({ roleRef: undefined }),
      rb({ subjects: [] }),
      rb({ subjects: 'nope' }),
      rb({
        subjects: [
          { kind: 'User', name: 'a' },
          { kind: 'User', name: 'b' },
        ],
      }),
      rb({ subjects: [{ kind: 'ServiceAccount', name: 'default' }] }),
      rb({ subjects: [null] }),
      { metadata: {} },
    ];
    for (const object of odd)
      assert.equal(bindingFromRoleBinding(object as never), undefined, JSON.stringify(object));
  });

  it('counts every kubeflow grant, annotated or not, for membership', () => {
    assert.deepEqual(
      grantsOf({
        roleRef: { kind: 'ClusterRole', name: 'kubeflow-view' },
        subjects: [
          { kind: 'Group', name: 'g' },
          { kind: 'ServiceAccount', name: 'sa' },
          { kind: 'User', name: 'u' },
        ],
      }),
      [
        { subject: { kind: 'Group', name: 'g' }, role: 'view' },
        { subject: { kind: 'User', name: 'u' }, role: 'view' },
      ],
    );
    assert.deepEqual(grantsOf({ roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [] }), []);
    assert.equal(roleOfClusterRole('kubeflow-admin'), 'admin');
    assert.equal(roleOfClusterRole(undefined), undefined);
  });

  it('trims cached RoleBindings to what the index reads', () => {
    const trimmed = trimRoleBinding({
      metadata: {
        name: 'b',
        namespace: 'ns',
        resourceVersion: '7',
        labels: { a: 'b' },
        annotations: { user: 'u', role: 'view', 'kubectl.kubernetes.io/last-applied-configuration': '{...}' },
      },
      roleRef: { kind: 'ClusterRole', name: 'kubeflow-view' },
      subjects: [{ kind: 'User', name: 'u' }],
    });
    assert.deepEqual(trimmed, {
      metadata: {
        name: 'b',
        namespace: 'ns',
        resourceVersion: '7',
        annotations: { user: 'u', role: 'view' },
      },
      roleRef: { kind: 'ClusterRole', name: 'kubeflow-view' },
      subjects: [{ kind: 'User', name: 'u' }],
    });
  });
});

describe('planned objects', () => {
  it('annotates the RoleBinding and its policy like upstream', () => {
    const subject = { kind: 'User' as const, name: 'u@x.io' };
    const roleBinding = planRoleBinding('ns', subject, 'admin');
    assert.deepEqual(roleBinding.metadata?.annotations, { user: 'u@x.io', role: 'admin' });
    assert.equal(roleBinding.roleRef?.name, 'kubeflow-admin');
    const policy = planAuthorizationPolicy('ns', subject, 'admin', {
      userHeader: 'x-user',
      userPrefix: 'accounts.google.com:',
      groupsHeader: 'x-groups',
      principals: ['gw', ''],
    });
    assert.equal(policy.metadata?.name, roleBinding.metadata?.name);
    assert.deepEqual(policy.spec, {
      rules: [
        {
          from: [{ source: { principals: ['gw'] } }],
          when: [{ key: 'request.headers[x-user]', values: ['accounts.google.com:u@x.io'] }],
        },
      ],
    });
  });
});
