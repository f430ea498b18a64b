import { type MongoAbility, type RawRuleOf, createMongoAbility, subject as caslSubject } from '@casl/ability';
import type { AccessAttributes } from './sar-cache.ts';

/** What a rule is about: a resource (`kubeflow.org/notebooks`) with its namespace and name. */
export interface KubeSubjectFields {
  namespace?: string;
  name?: string;
  [field: string]: unknown;
}

export type KubeAbility = MongoAbility<
  [string, string | (KubeSubjectFields & { __caslSubjectType__?: string })]
>;
export type KubeRule = RawRuleOf<KubeAbility>;

export const subjectType = (group: string, resource: string, subresource?: string) =>
  `${group || 'core'}/${resource}${subresource ? `/${subresource}` : ''}`;

/** A CASL subject for a check (`ability.can('delete', kubeSubject(...))`). */
export function kubeSubject(group: string, resource: string, fields: KubeSubjectFields) {
  return caslSubject(subjectType(group, resource), { ...fields });
}

/** The rule a Kubernetes decision amounts to, scoped to its namespace and name when it had them. */
export function ruleFromDecision(attributes: AccessAttributes, allowed: boolean): KubeRule {
  const conditions: Record<string, string> = {};
  if (attributes.namespace) conditions.namespace = attributes.namespace;
  if (attributes.name) conditions.name = attributes.name;
  return {
    action: attributes.verb,
    subject: subjectType(attributes.group, attributes.resource, attributes.subresource),
    ...(Object.keys(conditions).length ? { conditions } : {}),
    ...(allowed ? {} : { inverted: true }),
  };
}

export function buildAbility(rules: KubeRule[]): KubeAbility {
  return createMongoAbility<KubeAbility>(rules);
}
