import type { FastifyRequest } from 'fastify';
import type { ResourceRef } from '../kube/resources.ts';
import type { AccessAttributes } from './sar-cache.ts';

/**
 * A permission a route needs, checked with a SubjectAccessReview as the caller. The namespace
 * and name come from path parameters.
 */
export interface PermissionCheck {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  /** Path parameter with the namespace; omit for cluster-scoped checks. */
  namespaceParam?: string;
  /** Path parameter with the object's name, when the check is about one object. */
  nameParam?: string;
}

/**
 * What a route requires. Every route must declare one: a route without it fails at start, so
 * "no check" is always a visible choice.
 */
export type RouteAccess =
  | { kind: 'public'; reason: string }
  | { kind: 'authenticated' }
  | { kind: 'permissions'; checks: PermissionCheck[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Health, metrics and docs: no identity needed. */
export const publicRoute = (reason: string): RouteAccess => ({ kind: 'public', reason });
/** Any identified caller (upstream's "authenticated only" routes such as /api/config). */
export const authenticatedRoute: RouteAccess = { kind: 'authenticated' };
export const requires = (...checks: PermissionCheck[]): RouteAccess => ({ kind: 'permissions', checks });

/** A check on a resource in the namespace named by the `namespace` path parameter. */
export function inNamespace(
  verb: string,
  resource: ResourceRef,
  extra: { subresource?: string; nameParam?: string; namespaceParam?: string } = {},
): PermissionCheck {
  return {
    verb,
    group: resource.group,
    version: resource.version,
    resource: resource.plural,
    namespaceParam: extra.namespaceParam ?? 'namespace',
    ...(extra.subresource ? { subresource: extra.subresource } : {}),
    ...(extra.nameParam ? { nameParam: extra.nameParam } : {}),
  };
}

export function clusterWide(verb: string, resource: ResourceRef): PermissionCheck {
  return { verb, group: resource.group, version: resource.version, resource: resource.plural };
}

export function routeAccess(request: FastifyRequest): RouteAccess | undefined {
  return request.routeOptions.config?.access;
}

export function attributesFor(
  check: PermissionCheck,
  params: Record<string, string | undefined>,
): AccessAttributes {
  return {
    verb: check.verb,
    group: check.group,
    version: check.version,
    resource: check.resource,
    subresource: check.subresource,
    namespace: check.namespaceParam ? params[check.namespaceParam] : undefined,
    name: check.nameParam ? params[check.nameParam] : undefined,
  };
}
