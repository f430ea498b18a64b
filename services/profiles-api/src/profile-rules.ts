/**
 * The product rules of profiles and contributors as a CASL ability, built per request from facts
 * Kubernetes confirmed (cluster admin by SubjectAccessReview; ownership and membership from the
 * Profile and RoleBinding caches). Pure: no Fastify, no client.
 */
import { type KubeAbility, type KubeRule, buildAbility, kubeSubject, subjectType } from '@kf-ts/shared';
import type { BindingSubject } from './binding-model.ts';

/** CASL subject types, named after the Kubernetes resources they stand for. */
export const PROFILE = subjectType('kubeflow.org', 'profiles');
export const BINDING = subjectType('rbac.authorization.k8s.io', 'rolebindings');

export type ProfileAction = 'read' | 'create' | 'update' | 'delete';
export type BindingAction = 'read' | 'create' | 'delete';

export interface AccessFacts {
  user: string;
  groups: string[];
  /** Kubernetes allows the caller every verb on every resource cluster-wide (or the admin list names them). */
  clusterAdmin: boolean;
  /** Profiles whose spec.owner is the caller or one of their groups. */
  owned: Set<string>;
  /** Profile namespaces where the caller or a group of theirs is bound to a kubeflow-* role. */
  member: Set<string>;
  /** SELF_REGISTRATION: callers may create a profile owned by themselves. */
  selfRegistration: boolean;
  /** Namespaces where Kubernetes lets the caller manage RoleBindings (checked on demand). */
  bindingManagers?: { namespace: string; verb: 'create' | 'delete' }[];
}

export function profileRules(facts: AccessFacts): KubeRule[] {
  if (facts.clusterAdmin) return [{ action: 'manage', subject: 'all' }];
  const owned = [...facts.owned];
  const visible = [...new Set([...owned, ...facts.member])];
  const rules: KubeRule[] = [
    { action: 'read', subject: PROFILE, conditions: { name: { $in: visible } } },
    { action: 'read', subject: BINDING, conditions: { namespace: { $in: visible } } },
    { action: ['update', 'delete'], subject: PROFILE, conditions: { name: { $in: owned } } },
    { action: ['create', 'delete'], subject: BINDING, conditions: { namespace: { $in: owned } } },
  ];
  if (facts.selfRegistration) {
    // Plugins make the profile controller hand cloud identities (GCP Workload Identity, AWS IAM
    // roles) to the namespace: a self-registered profile carries none.
    rules.push({
      action: 'create',
      subject: PROFILE,
      conditions: { 'owner.kind': 'User', 'owner.name': facts.user, withPlugins: false },
    });
  }
  for (const grant of facts.bindingManagers ?? []) {
    rules.push({ action: grant.verb, subject: BINDING, conditions: { namespace: grant.namespace } });
  }
  return rules;
}

export const buildProfileAbility = (facts: AccessFacts): KubeAbility => buildAbility(profileRules(facts));

export const profileSubject = (name: string, owner?: BindingSubject, withPlugins = false) =>
  kubeSubject('kubeflow.org', 'profiles', { name, owner: owner ? { ...owner } : undefined, withPlugins });

export const bindingSubject = (namespace: string, subject?: BindingSubject) =>
  kubeSubject('rbac.authorization.k8s.io', 'rolebindings', {
    namespace,
    subject: subject ? { ...subject } : undefined,
  });
