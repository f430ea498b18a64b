import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AccessFacts,
  bindingSubject,
  buildProfileAbility,
  profileSubject,
} from '../src/profile-rules.ts';

const facts = (extra: Partial<AccessFacts> = {}): AccessFacts => ({
  user: 'alice@x.io',
  groups: ['team'],
  clusterAdmin: false,
  owned: new Set(['mine']),
  member: new Set(['shared']),
  selfRegistration: true,
  ...extra,
});

describe('profile rules (CASL)', () => {
  it('lets a caller read what they own or are bound in, and nothing else', () => {
    const ability = buildProfileAbility(facts());
    assert.ok(ability.can('read', profileSubject('mine')));
    assert.ok(ability.can('read', profileSubject('shared')));
    assert.ok(!ability.can('read', profileSubject('other')));
    assert.ok(ability.can('read', bindingSubject('shared')));
    assert.ok(!ability.can('read', bindingSubject('other')));
  });

  it('lets only owners change, delete and manage contributors', () => {
    const ability = buildProfileAbility(facts());
    assert.ok(ability.can('update', profileSubject('mine')));
    assert.ok(ability.can('delete', profileSubject('mine')));
    assert.ok(ability.can('create', bindingSubject('mine')));
    assert.ok(!ability.can('update', profileSubject('shared')));
    assert.ok(!ability.can('create', bindingSubject('shared')));
    assert.ok(!ability.can('delete', bindingSubject('shared')));
  });

  it('creates profiles only for oneself, without plugins, only with self-registration', () => {
    const open = buildProfileAbility(facts());
    assert.ok(open.can('create', profileSubject('new', { kind: 'User', name: 'alice@x.io' })));
    assert.ok(!open.can('create', profileSubject('new', { kind: 'User', name: 'bob@x.io' })));
    assert.ok(!open.can('create', profileSubject('new', { kind: 'Group', name: 'team' })));
    assert.ok(
      !open.can('create', profileSubject('new', { kind: 'User', name: 'alice@x.io' }, true)),
      'no plugins without being a cluster admin',
    );
    const closed = buildProfileAbility(facts({ selfRegistration: false }));
    assert.ok(!closed.can('create', profileSubject('new', { kind: 'User', name: 'alice@x.io' })));
  });

  it('adds namespaces Kubernetes lets the caller manage bindings in, per verb', () => {
    const ability = buildProfileAbility(
      facts({ bindingManagers: [{ namespace: 'shared', verb: 'delete' }] }),
    );
    assert.ok(ability.can('delete', bindingSubject('shared')));
    assert.ok(!ability.can('create', bindingSubject('shared')));
  });

  it('lets a cluster admin do anything, even with self-registration off', () => {
    const ability = buildProfileAbility(
      facts({ clusterAdmin: true, selfRegistration: false, owned: new Set() }),
    );
    assert.ok(ability.can('read', profileSubject('other')));
    assert.ok(ability.can('delete', profileSubject('other')));
    assert.ok(ability.can('create', profileSubject('new', { kind: 'User', name: 'bob@x.io' })));
    assert.ok(ability.can('create', profileSubject('new', { kind: 'User', name: 'bob@x.io' }, true)));
    assert.ok(ability.can('create', bindingSubject('other')));
  });

  it('gives a stranger nothing', () => {
    const ability = buildProfileAbility(
      facts({ owned: new Set(), member: new Set(), selfRegistration: false }),
    );
    for (const action of ['read', 'update', 'delete', 'create']) {
      assert.ok(!ability.can(action, profileSubject('any', { kind: 'User', name: 'alice@x.io' })), action);
      assert.ok(!ability.can(action, bindingSubject('any')), action);
    }
  });
});
