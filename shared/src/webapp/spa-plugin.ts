import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { cookiePath } from '../auth/csrf-plugin.ts';
import { publicRoute } from '../auth/route-access.ts';
import { DOCS_PATH, OPENAPI_JSON_PATH } from '../openapi/openapi-plugin.ts';

export interface SpaOptions {
  /** Directory with the built SPA (index.html, bundles, fonts); empty: serve a pointer to the docs at `/`. */
  dir: string;
  appPrefix: string;
  title: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Serves index.html for a GET that matched no route (the SPA's deep links); false when it does not apply. */
    spaFallback: ((request: FastifyRequest, reply: FastifyReply) => boolean) | null;
  }
}

/** Paths that are never the SPA: their misses stay JSON 404s. */
const NOT_SPA = /^\/(api|healthz|metrics)(\/|$)/;
/** Content-hashed bundle names (Angular: main.3f2a1b4c5d6e7f80.js). */
const HASHED = /[.-][0-9a-f]{16,}\.[a-z0-9]+$/i;

export function rewriteBaseHref(html: string, prefix: string): string {
  const href = `${prefix.replace(/\/+$/, '')}/`;
  const tag = `<base href="${href.replace(/"/g, '&quot;')}">`;
  return /<base\s[^>]*>/i.test(html)
    ? html.replace(/<base\s[^>]*>/i, tag)
    : html.replace(/<head([^>]*)>/i, `<head$1>${tag}`);
}

/**
 * Serves a built Kubeflow SPA the way upstream's images do: every file of the build directory,
 * and index.html (with `<base href>` set to the app prefix, no-store, CSRF cookie issued) for
 * `/` and every other GET that is not an API, health, metrics or docs path.
 */
export const spaPlugin = fp<SpaOptions>(
  async (app, options) => {
    if (!options.dir) {
      app.decorate('spaFallback', null);
      app.get(
        '/',
        { config: { access: publicRoute('service index') }, schema: { hide: true } },
        async () => ({
          service: options.title,
          openapi: OPENAPI_JSON_PATH.slice(1),
          docs: `${DOCS_PATH.slice(1)}/`,
        }),
      );
      return;
    }
    const indexPath = join(options.dir, 'index.html');
    if (!existsSync(indexPath) || !statSync(options.dir).isDirectory()) {
      throw new Error(`SPA_DIR=${options.dir} has no index.html`);
    }
    const template = readFileSync(indexPath, 'utf8');
    const rendered = new Map<string, string>();
    const indexFor = (prefix: string) => {
      let html = rendered.get(prefix);
      if (!html) {
        html = rewriteBaseHref(template, prefix);
        if (rendered.size < 32) rendered.set(prefix, html);
      }
      return html;
    };
    const serveIndex = (request: FastifyRequest, reply: FastifyReply) => {
      reply.issueCsrfCookie(request);
      return reply
        .code(200)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(indexFor(cookiePath(request, options.appPrefix)));
    };

    app.decorate('spaFallback', (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if ((request.method !== 'GET' && request.method !== 'HEAD') || NOT_SPA.test(path)) return false;
      serveIndex(request, reply);
      return true;
    });

    await app.register(async (files: FastifyInstance) => {
      files.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: publicRoute('SPA static files') };
      });
      await files.register(fastifyStatic, {
        root: options.dir,
        prefix: '/',
        index: false,
        wildcard: true,
        cacheControl: false,
        dotfiles: 'deny',
        setHeaders(res, path) {
          res.setHeader(
            'cache-control',
            HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
      files.get('/', { schema: { hide: true } }, async (request, reply) => serveIndex(request, reply));
      files.get('/index.html', { schema: { hide: true } }, async (request, reply) =>
        serveIndex(request, reply),
      );
    });
  },
  { name: 'kf-spa', dependencies: ['kf-errors', 'kf-csrf'] },
);
