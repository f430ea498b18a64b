import { Type } from '@sinclair/typebox';

/** A Kubernetes DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric. */
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** A DNS-1123 subdomain (dots allowed). */
export const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** Path parameter schema for a namespace name. */
export const NamespaceName = Type.String({
  pattern: DNS1123_LABEL,
  minLength: 1,
  maxLength: 63,
  description: 'Namespace (DNS-1123 label)',
});

/** Path parameter schema for an object name (DNS-1123 subdomain, at most 253 characters). */
export const ObjectName = Type.String({
  pattern: DNS1123_SUBDOMAIN,
  minLength: 1,
  maxLength: 253,
  description: 'Object name (DNS-1123 subdomain)',
});

export const NamespaceParams = Type.Object({ namespace: NamespaceName });

export function isDns1123Label(value: string, maxLength = 63): boolean {
  return value.length > 0 && value.length <= maxLength && new RegExp(DNS1123_LABEL).test(value);
}
