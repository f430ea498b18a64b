import { randomFillSync } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { csrfFailed } from '../http/errors.ts';
import { routeAccess } from './route-access.ts';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export interface CsrfOptions {
  appPrefix: string;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

declare module 'fastify' {
  interface FastifyReply {
    /** Sets the XSRF-TOKEN cookie unless the request already carries one. */
    issueCsrfCookie(request: FastifyRequest): void;
  }
}

/**
 * A fresh 32-byte token from a pool refilled 128 tokens at a time (one CSPRNG call instead of
 * one per request that lacks the cookie, as every API client without a cookie jar does).
 */
const TOKEN_BYTES = 32;
const pool = Buffer.alloc(TOKEN_BYTES * 128);
let poolOffset = pool.length;
export function csrfToken(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

/** The cookie Path: the gateway's prefix when it tells us (Istio's x-forwarded-prefix), else APP_PREFIX. */
export function cookiePath(request: FastifyRequest, appPrefix: string): string {
  const forwarded = request.headers['x-forwarded-prefix'];
  const prefix = (Array.isArray(forwarded) ? forwarded[0] : forwarded) || appPrefix || '/';
  const clean = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
  return /^[\w\-./~]*$/.test(clean) ? clean : '/';
}

/**
 * Upstream's double-submit CSRF scheme: a random XSRF-TOKEN cookie readable by the page, echoed
 * in the X-XSRF-TOKEN header on every unsafe method. Calls authenticated with a verified Bearer
 * token are exempt (no browser holds them).
 */
export const csrfPlugin = fp<CsrfOptions>(
  async (app, options) => {
    app.decorateReply('issueCsrfCookie', function (this: FastifyReply, request: FastifyRequest) {
      if (request.cookies[CSRF_COOKIE]) return;
      this.setCookie(CSRF_COOKIE, csrfToken(), {
        path: cookiePath(request, options.appPrefix),
        sameSite: options.sameSite.toLowerCase() as 'strict' | 'lax' | 'none',
        secure: options.secure,
        httpOnly: false,
      });
    });

    app.addHook('onRequest', async (request, reply) => {
      const access = routeAccess(request);
      if (!access || access.kind === 'public') return;
      if (SAFE_METHODS.has(request.method)) {
        reply.issueCsrfCookie(request);
        return;
      }
      if (request.identity?.via === 'bearer') return;
      const cookie = request.cookies[CSRF_COOKIE];
      if (!cookie) throw csrfFailed(`Could not find CSRF cookie ${CSRF_COOKIE} in the request.`);
      const header = request.headers[CSRF_HEADER.toLowerCase()];
      if (!header) throw csrfFailed(`Could not detect CSRF protection header ${CSRF_HEADER}.`);
      if (header !== cookie) {
        throw csrfFailed(
          `CSRF check failed. Token in cookie ${CSRF_COOKIE} doesn't match token in header ${CSRF_HEADER}.`,
        );
      }
    });
  },
  { name: 'kf-csrf', dependencies: ['kf-identity', '@fastify/cookie'] },
);
