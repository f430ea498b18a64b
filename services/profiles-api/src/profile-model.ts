/** Profile CRs (kubeflow.org/v1, cluster-scoped): reading them safely and planning new ones. Pure. */
import { type FieldError, type KubeObject, parseQuantity } from '@kf-ts/shared';
import type { BindingSubject } from './binding-model.ts';

export interface ProfileObject extends KubeObject {
  spec?: {
    owner?: { kind?: string; name?: string; apiGroup?: string };
    resourceQuotaSpec?: Record<string, unknown>;
    plugins?: unknown[];
    [key: string]: unknown;
  };
  status?: Record<string, unknown>;
}

/** The profile's owner when it is a User or Group with a name; anything else owns nothing. */
export function ownerOf(profile: ProfileObject | undefined): BindingSubject | undefined {
  const owner = profile?.spec?.owner;
  if (!owner || typeof owner.name !== 'string' || !owner.name) return undefined;
  if (owner.kind !== 'User' && owner.kind !== 'Group') return undefined;
  return { kind: owner.kind, name: owner.name };
}

/** The quota spec as stored, or undefined when the profile has none or an odd one. */
export function quotaOf(profile: ProfileObject | undefined): Record<string, unknown> | undefined {
  const quota = profile?.spec?.resourceQuotaSpec;
  return quota && typeof quota === 'object' && !Array.isArray(quota) ? quota : undefined;
}

/** The scopes a ResourceQuota accepts (Kubernetes refuses others). */
export const QUOTA_SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
] as const;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * A resource name as a ResourceQuota's `hard` map takes it ("cpu", "requests.memory",
 * "requests.nvidia.com/gpu", "count/deployments.apps"): a Kubernetes qualified name.
 */
export function isQuotaResourceName(name: string): boolean {
  const parts = name.split('/');
  if (parts.length > 2) return false;
  const base = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return base.length <= 63 && QUALIFIED_NAME.test(base);
}

/**
 * Field errors in a ResourceQuotaSpec. The Profile CRD keeps the spec as it is given and only the
 * profile controller turns it into a ResourceQuota later, where a bad entry fails out of sight:
 * so every `hard` entry must be a qualified resource name with a non-negative quantity, and every
 * scope one Kubernetes knows.
 */
export function quotaProblems(
  quota: { hard?: Record<string, unknown>; scopes?: unknown[] } | undefined,
  field: string,
): FieldError[] {
  const problems: FieldError[] = [];
  for (const [resource, value] of Object.entries(quota?.hard ?? {})) {
    if (!isQuotaResourceName(resource)) {
      problems.push({
        field: `${field}/hard/${resource}`,
        message:
          'is not a resource name a ResourceQuota accepts (such as "cpu", "requests.memory", "requests.nvidia.com/gpu" or "count/pods")',
      });
    }
    const amount = typeof value === 'string' && value === value.trim() ? parseQuantity(value) : undefined;
    if (amount === undefined || amount < 0) {
      problems.push({
        field: `${field}/hard/${resource}`,
        message: `must be a non-negative Kubernetes quantity such as "4", "500m" or "16Gi" (got ${JSON.stringify(value)})`,
      });
    }
  }
  (quota?.scopes ?? []).forEach((scope, position) => {
    if (!(QUOTA_SCOPES as readonly unknown[]).includes(scope)) {
      problems.push({
        field: `${field}/scopes/${position}`,
        message: `must be one of ${QUOTA_SCOPES.join(', ')} (got ${JSON.stringify(scope)})`,
      });
    }
  });
  return problems;
}

export interface ProfilePlan {
  name: string;
  owner: BindingSubject;
  resourceQuotaSpec?: Record<string, unknown>;
  plugins?: unknown[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function planProfile(plan: ProfilePlan): ProfileObject {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'Profile',
    metadata: {
      name: plan.name,
      ...(plan.labels && Object.keys(plan.labels).length ? { labels: plan.labels } : {}),
      ...(plan.annotations && Object.keys(plan.annotations).length ? { annotations: plan.annotations } : {}),
    },
    spec: {
      owner: { apiGroup: 'rbac.authorization.k8s.io', kind: plan.owner.kind, name: plan.owner.name },
      ...(plan.resourceQuotaSpec ? { resourceQuotaSpec: plan.resourceQuotaSpec } : {}),
      ...(plan.plugins ? { plugins: plan.plugins } : {}),
    },
  };
}

/**
 * A DNS-1123 label from the local part of an email ("Jane.Doe@x.io" -> "jane-doe"), the
 * dashboard's default namespace for a new user; undefined when nothing usable is left.
 */
export function namespaceForUser(user: string): string | undefined {
  const local = user.split('@')[0] ?? '';
  const label = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || undefined;
}
