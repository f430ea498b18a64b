import type { FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden } from '../http/errors.ts';
import { type KubeAbility, type KubeRule, buildAbility, ruleFromDecision } from './ability.ts';
import { attributesFor, routeAccess } from './route-access.ts';
import { type AccessAttributes, type SarCache, forbiddenMessage } from './sar-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sar: SarCache;
  }
  interface FastifyRequest {
    /** CASL ability holding every Kubernetes decision made for this request; product rules add to it. */
    ability: KubeAbility;
    /** True when the caller may do this (SubjectAccessReview, cached); 503 when it cannot be decided. */
    isAllowed(attributes: AccessAttributes): Promise<boolean>;
    /** Throws upstream's 403 message unless the caller may do this. */
    authorize(attributes: AccessAttributes): Promise<void>;
  }
}

export interface AuthorizationOptions {
  sar: SarCache;
  authDisabled: boolean;
}

/** Per request: the decisions made so far, and the ability built from them (on first use). */
interface Decisions {
  rules: KubeRule[];
  ability?: KubeAbility;
}
const decisionsOf = new WeakMap<FastifyRequest, Decisions>();
function decisions(request: FastifyRequest): Decisions {
  let found = decisionsOf.get(request);
  if (!found) {
    found = { rules: [] };
    decisionsOf.set(request, found);
  }
  return found;
}

/**
 * Authorizes each route as the caller. Routes declare `config.access`; declared permissions are
 * checked before the handler runs, and handlers can check more (`request.authorize`). A route
 * registered without `config.access` makes the app fail at start.
 */
export const authorizationPlugin = fp<AuthorizationOptions>(
  async (app, options) => {
    app.decorate('sar', options.sar);
    // Built when a handler asks for it: most requests (lists) never do.
    app.decorateRequest('ability', {
      getter(this: FastifyRequest) {
        const made = decisions(this);
        made.ability ??= buildAbility(made.rules);
        return made.ability;
      },
    });
    app.decorateRequest('isAllowed', async function (this: FastifyRequest, attributes: AccessAttributes) {
      if (options.authDisabled) return true;
      const identity = this.requireIdentity();
      const allowed = await options.sar.check(identity, attributes);
      const made = decisions(this);
      made.rules.push(ruleFromDecision(attributes, allowed));
      made.ability?.update(made.rules);
      return allowed;
    });
    app.decorateRequest('authorize', async function (this: FastifyRequest, attributes: AccessAttributes) {
      if (!(await this.isAllowed(attributes))) {
        throw forbidden(forbiddenMessage(this.identity?.name ?? '', attributes));
      }
    });

    const routes: RouteOptions[] = [];
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    app.addHook('onReady', async () => {
      const undeclared = routes
        .filter((route) => !route.config?.access)
        .map((route) => `${String(route.method)} ${route.url}`);
      if (undeclared.length > 0) {
        throw new Error(
          `Routes registered without an access declaration (config.access): ${undeclared.join(', ')}. ` +
            'Declare the permissions they need, or mark them publicRoute(reason).',
        );
      }
    });

    app.addHook('preHandler', async (request) => {
      const access = routeAccess(request);
      if (!access || access.kind !== 'permissions' || options.authDisabled) return;
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      const checks = access.checks.map((check) => attributesFor(check, params));
      const decisions = await Promise.all(checks.map((attributes) => request.isAllowed(attributes)));
      const denied = decisions.indexOf(false);
      if (denied >= 0) throw forbidden(forbiddenMessage(request.identity?.name ?? '', checks[denied]!));
    });
  },
  { name: 'kf-authorization', dependencies: ['kf-identity'] },
);
