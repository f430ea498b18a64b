import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthenticated } from '../http/errors.ts';
import { routeAccess } from './route-access.ts';
import type { TokenReviewer } from './token-review.ts';

export interface Identity {
  name: string;
  groups: string[];
  /** How the caller was identified: the gateway's trusted headers, a verified Bearer token, or nobody checked (auth disabled). */
  via: 'header' | 'bearer' | 'auth-disabled';
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
    /** The identity, or a 401 "No user detected." */
    requireIdentity(): Identity;
  }
}

export interface IdentityOptions {
  userHeader: string;
  userPrefix: string;
  groupsHeader: string;
  authDisabled: boolean;
  tokenReviewer: TokenReviewer;
  /** SPIFFE principals allowed to set identity headers; empty means any (Istio's AuthorizationPolicy admits only the gateway). */
  trustedProxyPrincipals: string[];
}

/** Removes the prefix from the front only (upstream removed every occurrence). */
export function stripUserPrefix(user: string, prefix: string): string {
  return prefix && user.startsWith(prefix) ? user.slice(prefix.length) : user;
}

export function parseGroups(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values
    .flatMap((value) => value.split(','))
    .map((group) => group.trim())
    .filter((group) => group.length > 0);
}

/**
 * The URI (SPIFFE id) of the peer that sent this request to our sidecar, from Envoy's XFCC
 * header. Only the last element counts: earlier ones were appended by hops further away (or
 * written by the client), the last one by our own sidecar.
 */
export function forwardingPeer(xfcc: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(xfcc) ? xfcc.join(',') : (xfcc ?? '');
  const elements = raw.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
  const last = elements.at(-1) ?? '';
  for (const pair of last.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim().toLowerCase() !== 'uri') continue;
    return pair
      .slice(separator + 1)
      .trim()
      .replace(/^"|"$/g, '');
  }
  return undefined;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Who is calling. Order: the trusted user header set by the gateway; else a Bearer token verified
 * with a TokenReview. Missing identity only fails routes that need one (401 from requireIdentity).
 */
export const identityPlugin = fp<IdentityOptions>(
  async (app, options) => {
    app.decorateRequest('identity', null);
    app.decorateRequest('requireIdentity', function (this: FastifyRequest) {
      if (!this.identity) throw unauthenticated();
      return this.identity;
    });

    app.addHook('onRequest', async (request) => {
      const access = routeAccess(request);
      // Public routes (probes, metrics, docs, static files) need nobody and verify nothing, so a
      // stale token cannot fail a health probe.
      if (access?.kind === 'public') return;
      await identify(request);
      // Unknown routes fall through to the JSON 404.
      if (access && !request.identity) throw unauthenticated();
    });

    async function identify(request: FastifyRequest) {
      const headerUser = headerValue(request, options.userHeader);
      if (headerUser) {
        if (options.trustedProxyPrincipals.length > 0) {
          const peer = forwardingPeer(request.headers['x-forwarded-client-cert']);
          if (!peer || !options.trustedProxyPrincipals.includes(peer)) {
            throw unauthenticated(
              `Identity header ${options.userHeader} was not set by a trusted proxy; the request is refused.`,
            );
          }
        }
        const name = stripUserPrefix(headerUser, options.userPrefix);
        if (name) {
          request.identity = {
            name,
            groups: parseGroups(request.headers[options.groupsHeader.toLowerCase()]),
            via: options.authDisabled ? 'auth-disabled' : 'header',
          };
          return;
        }
      }
      const authorization = headerValue(request, 'authorization');
      if (authorization && /^bearer\s+/i.test(authorization)) {
        const token = authorization.replace(/^bearer\s+/i, '').trim();
        if (!token) throw unauthenticated('The Bearer token is empty.');
        const subject = await options.tokenReviewer.verify(token);
        if (!subject) throw unauthenticated('The Bearer token is not valid.');
        request.identity = { ...subject, via: 'bearer' };
        return;
      }
      if (options.authDisabled) request.identity = { name: 'anonymous', groups: [], via: 'auth-disabled' };
    }
  },
  { name: 'kf-identity', dependencies: ['kf-errors'] },
);
