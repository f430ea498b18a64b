import { type ServiceApp, resources } from '@kf-ts/shared';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AccessIndex } from '../access-index.ts';
import { type RoleBindingObject, trimRoleBinding } from '../binding-model.ts';
import { BindingWriter } from '../binding-writer.ts';
import { type Config, configuredClusterAdmins, selfRegistrationEnabled } from '../config.ts';
import { type AccessSettings, ProfileAccess } from '../profile-access.ts';
import type { ProfileObject } from '../profile-model.ts';
import { ProfileWriter } from '../profile-writer.ts';
import {
  KfamBindingSchema,
  KfamRoleRef,
  KfamSubject,
  ProfileSummarySchema,
  QuotaSpec,
} from '../schemas/kfam-schemas.ts';
import { WorkgroupErrorSchema } from '../schemas/workgroup-schemas.ts';
import { kfamBindingRoutes } from './kfam-binding-routes.ts';
import { kfamProfileRoutes } from './kfam-profile-routes.ts';
import { workgroupRoutes } from './workgroup-routes.ts';

/** What the route plugins of this service share. */
export interface ProfilesContext {
  config: Config;
  index: AccessIndex;
  bindings: BindingWriter;
  profiles: ProfileWriter;
  settings: AccessSettings;
  /** The caller's access (facts and CASL ability), once per request. */
  access(request: FastifyRequest): Promise<ProfileAccess>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** profiles-api's caches and writers (tests inspect them). */
    profiles: ProfilesContext;
  }
}

/**
 * The watch caches (every Profile; every RoleBinding, trimmed to what the index reads) and the
 * writers, created on the root app so tests and every route plugin share them.
 */
export function createProfilesContext(app: ServiceApp, config: Config): ProfilesContext {
  const profiles = app.caches.cache<ProfileObject>(resources.profiles);
  const roleBindings = app.caches.cache<RoleBindingObject>(resources.roleBindings, {
    transform: trimRoleBinding,
  });
  const index = new AccessIndex(profiles, roleBindings);
  const settings: AccessSettings = {
    clusterAdmins: configuredClusterAdmins(config),
    selfRegistration: selfRegistrationEnabled(config),
  };
  const context: ProfilesContext = {
    config,
    index,
    settings,
    bindings: new BindingWriter(app, index, {
      userHeader: config.USERID_HEADER,
      userPrefix: config.USERID_PREFIX,
      groupsHeader: config.GROUPS_HEADER,
      principals: [config.ISTIO_INGRESS_GATEWAY_PRINCIPAL, config.KFP_UI_PRINCIPAL],
    }),
    profiles: new ProfileWriter(app, index),
    access: (request) => ProfileAccess.of(request, index, settings),
  };
  app.decorate('profiles', context);
  return context;
}

/** Every route of the service, registered explicitly. */
export function routes(context: ProfilesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    for (const schema of [
      KfamSubject,
      KfamRoleRef,
      KfamBindingSchema,
      QuotaSpec,
      ProfileSummarySchema,
      WorkgroupErrorSchema,
    ]) {
      app.addSchema(schema);
    }
    await app.register(kfamBindingRoutes(context));
    await app.register(kfamProfileRoutes(context));
    await app.register(workgroupRoutes(context));
  };
}
