import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KubeClient } from '../kube/kube-client.ts';
import { KubeRequestError } from '../kube/kube-errors.ts';
import { upstreamUnavailable } from '../http/errors.ts';
import type { Subject } from './sar-cache.ts';

interface TokenReviewAnswer {
  status?: { authenticated?: boolean; user?: { username?: string; groups?: string[] }; error?: string };
}

/**
 * Verifies Bearer tokens with a TokenReview. Results (also failures) are cached briefly under a
 * SHA-256 of the token: the token itself is never kept.
 */
export class TokenReviewer {
  private readonly cache: LRUCache<string, { subject: Subject | null }>;

  constructor(
    private readonly kube: KubeClient,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {
    this.cache = new LRUCache({ max: 10_000 });
  }

  async verify(token: string): Promise<Subject | null> {
    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return cached.subject;
    let answer: TokenReviewAnswer;
    try {
      answer = await this.kube.request<TokenReviewAnswer>(
        'POST',
        '/apis/authentication.k8s.io/v1/tokenreviews',
        {
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
          timeoutMs: this.timeoutMs,
          operation: 'create tokenreviews',
        },
      );
    } catch (err) {
      const detail = err instanceof KubeRequestError ? err.message : String(err);
      throw upstreamUnavailable(
        `Could not verify the Bearer token with the Kubernetes API server (${detail}).`,
      );
    }
    const user = answer.status?.user;
    const subject =
      answer.status?.authenticated === true && user?.username
        ? { name: user.username, groups: user.groups ?? [] }
        : null;
    if (this.ttlMs > 0) this.cache.set(key, { subject }, { ttl: this.ttlMs });
    return subject;
  }
}
