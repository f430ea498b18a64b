/**
 * Contributor bindings as KFAM knows them: a RoleBinding (and, with Istio, an AuthorizationPolicy
 * of the same name) annotated `user` and `role`. Pure functions, no client imports.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '@kf-ts/shared';

export type KfamRole = 'admin' | 'edit' | 'view';
export type SubjectKind = 'User' | 'Group';

export interface BindingSubject {
  kind: SubjectKind;
  name: string;
}

/** One binding, as KFAM lists it. */
export interface KfamBinding {
  /** Name of the RoleBinding (and of its AuthorizationPolicy). */
  name: string;
  namespace: string;
  subject: BindingSubject;
  role: KfamRole;
}

export const USER_ANNOTATION = 'user';
export const ROLE_ANNOTATION = 'role';
/** The owner's RoleBinding, made by the profile controller. */
export const OWNER_BINDING_NAME = 'namespaceAdmin';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

const clusterRoles: Record<KfamRole, string> = {
  admin: 'kubeflow-admin',
  edit: 'kubeflow-edit',
  view: 'kubeflow-view',
};

export const KFAM_ROLES: readonly KfamRole[] = ['admin', 'edit', 'view'];

export const clusterRoleOf = (role: KfamRole) => clusterRoles[role];

export function roleOfClusterRole(clusterRole: string | undefined): KfamRole | undefined {
  return KFAM_ROLES.find((role) => clusterRoles[role] === clusterRole);
}

export function isKfamRole(value: unknown): value is KfamRole {
  return typeof value === 'string' && (KFAM_ROLES as readonly string[]).includes(value);
}

/** Lowercase letters and digits, every other run of characters one '-'. */
export function sanitiseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The name upstream KFAM gives a binding: `user-<sanitised name>-clusterrole-<role>`. Two
 * subjects whose names differ only in punctuation get the same name there; we only use it to
 * recognise bindings upstream made.
 */
export function upstreamBindingName(subject: BindingSubject, role: KfamRole): string {
  return `${subject.kind}-${subject.name.replace(/[^a-zA-Z0-9]+/g, '-')}-clusterrole-${role}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

const MAX_READABLE_PART = 200;

/**
 * Our binding name: upstream's readable form plus a short hash of the exact subject, so it is
 * deterministic and two subjects never share a name (`a.b@x.io` and `a-b@x.io` differ). Always a
 * valid DNS-1123 subdomain (AuthorizationPolicies need one) and at most 253 characters.
 */
export function bindingName(subject: BindingSubject, role: KfamRole): string {
  const hash = createHash('sha256').update(`${subject.kind}\n${subject.name}`).digest('hex').slice(0, 10);
  const readable = sanitiseName(subject.name).slice(0, MAX_READABLE_PART).replace(/-+$/, '');
  const kind = subject.kind.toLowerCase();
  return `${kind}-${readable ? `${readable}-` : ''}${hash}-clusterrole-${role}`;
}

export interface RoleBindingObject extends KubeObject {
  roleRef?: { apiGroup?: string; kind?: string; name?: string };
  subjects?: { apiGroup?: string; kind?: string; name?: string; namespace?: string }[];
}

/**
 * The KFAM binding a RoleBinding represents, or undefined when it is not one: it needs both
 * annotations, a kubeflow-* ClusterRole and exactly one User or Group subject. Odd objects are
 * skipped, never fatal (upstream failed the whole list on one).
 */
export function bindingFromRoleBinding(object: RoleBindingObject): KfamBinding | undefined {
  const annotations = object.metadata?.annotations ?? {};
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (!name || !namespace) return undefined;
  if (typeof annotations[USER_ANNOTATION] !== 'string' || typeof annotations[ROLE_ANNOTATION] !== 'string')
    return undefined;
  if (object.roleRef?.kind !== 'ClusterRole') return undefined;
  const role = roleOfClusterRole(object.roleRef.name);
  if (!role) return undefined;
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  if (subjects.length !== 1) return undefined;
  const [subject] = subjects;
  if (!subject || (subject.kind !== 'User' && subject.kind !== 'Group') || typeof subject.name !== 'string')
    return undefined;
  return { name, namespace, subject: { kind: subject.kind, name: subject.name }, role };
}

/** Every (subject, role) a RoleBinding grants through a kubeflow-* ClusterRole, annotated or not. */
export function grantsOf(object: RoleBindingObject): { subject: BindingSubject; role: KfamRole }[] {
  if (object.roleRef?.kind !== 'ClusterRole') return [];
  const role = roleOfClusterRole(object.roleRef.name);
  if (!role) return [];
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  return subjects.flatMap((subject) =>
    subject && (subject.kind === 'User' || subject.kind === 'Group') && typeof subject.name === 'string'
      ? [{ subject: { kind: subject.kind, name: subject.name } as BindingSubject, role }]
      : [],
  );
}

export function sameSubject(a: BindingSubject, b: BindingSubject): boolean {
  return a.kind === b.kind && a.name === b.name;
}

/** The RoleBinding for a new binding. */
export function planRoleBinding(
  namespace: string,
  subject: BindingSubject,
  role: KfamRole,
): RoleBindingObject {
  const name = bindingName(subject, role);
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'RoleBinding',
    metadata: {
      name,
      namespace,
      annotations: { [USER_ANNOTATION]: subject.name, [ROLE_ANNOTATION]: role },
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRoleOf(role) },
    subjects: [{ apiGroup: RBAC_GROUP, kind: subject.kind, name: subject.name }],
  };
}

export interface AuthorizationPolicyOptions {
  userHeader: string;
  userPrefix: string;
  groupsHeader: string;
  /** Principals allowed to carry the identity headers (the ingress gateway, the Pipelines UI). */
  principals: string[];
}

/**
 * The Istio AuthorizationPolicy admitting a binding's subject through the gateway, named and
 * annotated like its RoleBinding. A user is matched on the user header (with the configured
 * prefix, as the gateway sends it). A group is matched on the comma-separated groups header:
 * Istio only matches exact values, prefixes and suffixes, so the group is admitted when it is the
 * only, first or last one listed (a group in the middle of a longer list is not matched).
 */
export function planAuthorizationPolicy(
  namespace: string,
  subject: BindingSubject,
  role: KfamRole,
  options: AuthorizationPolicyOptions,
): KubeObject {
  const when =
    subject.kind === 'User'
      ? { key: `request.headers[${options.userHeader}]`, values: [`${options.userPrefix}${subject.name}`] }
      : {
          key: `request.headers[${options.groupsHeader}]`,
          values: [subject.name, `${subject.name},*`, `*,${subject.name}`],
        };
  return {
    apiVersion: 'security.istio.io/v1beta1',
    kind: 'AuthorizationPolicy',
    metadata: {
      name: bindingName(subject, role),
      namespace,
      annotations: { [USER_ANNOTATION]: subject.name, [ROLE_ANNOTATION]: role },
    },
    spec: {
      rules: [
        {
          from: [{ source: { principals: options.principals.filter(Boolean) } }],
          when: [when],
        },
      ],
    },
  };
}

/** Keeps only what the bindings index reads, so a cluster-wide RoleBinding cache stays small. */
export function trimRoleBinding(object: RoleBindingObject): RoleBindingObject {
  const annotations = object.metadata?.annotations ?? {};
  const kept: Record<string, string> = {};
  if (typeof annotations[USER_ANNOTATION] === 'string') kept[USER_ANNOTATION] = annotations[USER_ANNOTATION];
  if (typeof annotations[ROLE_ANNOTATION] === 'string') kept[ROLE_ANNOTATION] = annotations[ROLE_ANNOTATION];
  return {
    metadata: {
      name: object.metadata?.name,
      namespace: object.metadata?.namespace,
      resourceVersion: object.metadata?.resourceVersion,
      ...(Object.keys(kept).length ? { annotations: kept } : {}),
    },
    roleRef: object.roleRef,
    subjects: object.subjects,
  };
}
