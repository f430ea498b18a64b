import { LRUCache } from 'lru-cache';
import type { KubeClient } from '../kube/kube-client.ts';
import { KubeRequestError } from '../kube/kube-errors.ts';
import { upstreamUnavailable } from '../http/errors.ts';

/** What a SubjectAccessReview asks about (Kubernetes' ResourceAttributes). */
export interface AccessAttributes {
  verb: string;
  group: string;
  version?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface Subject {
  name: string;
  groups: string[];
}

export type SarOutcome = 'hit' | 'miss' | 'coalesced' | 'error';

export interface SarCacheOptions {
  allowTtlMs: number;
  denyTtlMs: number;
  timeoutMs: number;
  maxEntries?: number;
  onCheck?: (outcome: SarOutcome, allowed: boolean | undefined) => void;
}

interface SubjectAccessReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/**
 * SubjectAccessReviews as the caller, with decisions reused for a short TTL (allow and deny, as
 * Kubernetes' delegating authorizer does) and identical concurrent checks sharing one call.
 * Fails closed: when the API server cannot answer, the check throws a 503, never allows.
 *
 * A kube-apiserver that has just started answers reviews before its RBAC informers have synced,
 * and then denies everyone. So once a review has failed to reach the API server, denials are not
 * believed (nor cached) until its /readyz says it is ready: until then they are 503s too.
 */
export class SarCache {
  private readonly decisions: LRUCache<string, { allowed: boolean }>;
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Set when a review could not reach the API server; cleared by a ready /readyz. */
  private recovering = false;
  private readiness: Promise<boolean> | undefined;

  constructor(
    private readonly kube: KubeClient,
    private readonly options: SarCacheOptions,
  ) {
    this.decisions = new LRUCache({ max: options.maxEntries ?? 50_000, ttlAutopurge: false });
  }

  static keyOf(subject: Subject, attributes: AccessAttributes): string {
    const groups = [...subject.groups].sort().join(',');
    const a = attributes;
    return `${subject.name}\u0000${groups}\u0000${a.verb}\u0000${a.group}\u0000${a.version ?? ''}\u0000${a.resource}\u0000${a.subresource ?? ''}\u0000${a.namespace ?? ''}\u0000${a.name ?? ''}`;
  }

  async check(subject: Subject, attributes: AccessAttributes): Promise<boolean> {
    const key = SarCache.keyOf(subject, attributes);
    const cached = this.decisions.get(key);
    if (cached) {
      this.options.onCheck?.('hit', cached.allowed);
      return cached.allowed;
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.options.onCheck?.('coalesced', undefined);
      return pending;
    }
    const call = this.review(subject, attributes)
      .then((allowed) => {
        const ttl = allowed ? this.options.allowTtlMs : this.options.denyTtlMs;
        // A TTL of 0 means "do not reuse" (lru-cache would read 0 as "forever").
        if (ttl > 0) this.decisions.set(key, { allowed }, { ttl });
        this.options.onCheck?.('miss', allowed);
        return allowed;
      })
      .catch((err: unknown) => {
        this.options.onCheck?.('error', undefined);
        throw err;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  clear() {
    this.decisions.clear();
  }

  private async review(subject: Subject, attributes: AccessAttributes): Promise<boolean> {
    let review: SubjectAccessReviewStatus;
    try {
      review = await this.kube.request<SubjectAccessReviewStatus>(
        'POST',
        '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SubjectAccessReview',
            spec: {
              user: subject.name,
              groups: subject.groups,
              resourceAttributes: {
                verb: attributes.verb,
                group: attributes.group,
                version: attributes.version,
                resource: attributes.resource,
                subresource: attributes.subresource,
                namespace: attributes.namespace,
                name: attributes.name,
              },
            },
          },
          timeoutMs: this.options.timeoutMs,
          operation: 'create subjectaccessreviews',
        },
      );
    } catch (err) {
      this.recovering = true;
      const detail = err instanceof KubeRequestError ? err.message : String(err);
      throw upstreamUnavailable(`Could not check permissions with the Kubernetes API server (${detail}).`);
    }
    const allowed = review.status?.allowed === true && review.status.denied !== true;
    if (!allowed && this.recovering && !(await this.apiServerReady())) {
      throw upstreamUnavailable(
        'The Kubernetes API server is starting and cannot check permissions yet; try again in a few seconds.',
      );
    }
    return allowed;
  }

  /**
   * One /readyz at a time, shared by every denial that waits on it. A cluster that does not let
   * us read /readyz (401, 403, 404) cannot tell us more, so its denials are believed again.
   */
  private apiServerReady(): Promise<boolean> {
    const settle = (ready: boolean) => {
      if (ready) this.recovering = false;
      return ready;
    };
    this.readiness ??= this.kube
      .request('GET', '/readyz', { text: true, timeoutMs: this.options.timeoutMs, operation: 'get readyz' })
      .then(
        () => settle(true),
        (err: unknown) => settle(err instanceof KubeRequestError && [401, 403, 404].includes(err.status)),
      )
      .finally(() => {
        this.readiness = undefined;
      });
    return this.readiness;
  }
}

/** Upstream's wording: "list v1/persistentvolumeclaims", "get kubeflow.org/v1beta1/notebooks". */
export function describeAccess(attributes: AccessAttributes): string {
  const parts = [attributes.group, attributes.version, attributes.resource, attributes.subresource].filter(
    (part): part is string => Boolean(part),
  );
  return `${attributes.verb} ${parts.join('/')}`;
}

export function forbiddenMessage(user: string, attributes: AccessAttributes): string {
  const where = attributes.namespace ? ` in namespace '${attributes.namespace}'` : '';
  return `User '${user}' is not authorized to ${describeAccess(attributes)}${where}`;
}
