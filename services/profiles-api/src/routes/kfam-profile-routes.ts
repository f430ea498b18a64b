/**
 * Profiles: KFAM's POST /kfam/v1/profiles and DELETE /kfam/v1/profiles/{profile}, plus additive
 * GET /kfam/v1/profiles (owner, contributors, quota) and PATCH /kfam/v1/profiles/{profile} (quota).
 */
import { type ServiceApp, authenticatedRoute, ok, successEnvelope } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AccessIndex } from '../access-index.ts';
import { OWNER_BINDING_NAME } from '../binding-model.ts';
import { type ProfileObject, ownerOf, quotaOf } from '../profile-model.ts';
import {
  CreateProfileBody,
  KubeObjectSchema,
  ProfileParams,
  ProfileSummarySchema,
  UpdateProfileBody,
} from '../schemas/kfam-schemas.ts';
import type { ProfilesContext } from './index.ts';

/** A profile with its owner, contributors (every KFAM binding but the owner's) and quota. */
export function profileSummary(profile: ProfileObject, index: AccessIndex) {
  const name = profile.metadata?.name ?? '';
  return {
    name,
    owner: ownerOf(profile) ?? null,
    contributors: index
      .bindingsIn(name)
      .filter((binding) => binding.name !== OWNER_BINDING_NAME)
      .map((binding) => ({ ...binding.subject, role: binding.role, binding: binding.name })),
    resourceQuotaSpec: quotaOf(profile) ?? null,
    creationTimestamp: profile.metadata?.creationTimestamp ?? null,
    resourceVersion: profile.metadata?.resourceVersion ?? '',
  };
}

const tags = ['profiles'];

export function kfamProfileRoutes(context: ProfilesContext): FastifyPluginAsync {
  return async (instance) => {
    const app = instance as unknown as ServiceApp;
    const { index, profiles } = context;

    app.get(
      '/kfam/v1/profiles',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'listProfiles',
          summary: 'List the profiles the caller owns or contributes to (all for cluster admins)',
          description:
            'Additive (not in upstream KFAM). Each profile with its owner, contributors and resourceQuotaSpec, from the watch caches.',
          querystring: Type.Object({}, { additionalProperties: false }),
          response: { 200: successEnvelope({ profiles: Type.Array(Type.Ref(ProfileSummarySchema)) }) },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const visible = access
          .candidateNamespaces()
          .filter((name) => access.canProfile('read', name))
          .map((name) => index.profile(name))
          .filter((profile): profile is ProfileObject => profile !== undefined);
        return ok(request, { profiles: visible.map((profile) => profileSummary(profile, index)) });
      },
    );

    app.post(
      '/kfam/v1/profiles',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'createProfile',
          summary: 'Create a profile (the profile controller then makes its namespace)',
          description:
            'Without spec.owner the caller owns it. Non-admins may only create a profile owned by themselves, without spec.plugins (they make the profile controller grant cloud identities), only while SELF_REGISTRATION is on, and never for a namespace that already exists. resourceQuotaSpec is kept (upstream dropped it). Cluster admins may create any profile. Answers 200 like upstream.',
          body: CreateProfileBody,
          response: { 200: successEnvelope({ profile: KubeObjectSchema }) },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const { metadata, spec } = request.body;
        const profile = await profiles.create(
          access,
          {
            name: metadata.name,
            owner: spec?.owner ? { kind: spec.owner.kind, name: spec.owner.name } : undefined,
            resourceQuotaSpec: spec?.resourceQuotaSpec,
            plugins: spec?.plugins,
            labels: metadata.labels,
            annotations: metadata.annotations,
          },
          request.log,
        );
        return ok(request, { profile });
      },
    );

    app.patch(
      '/kfam/v1/profiles/:profile',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'updateProfileQuota',
          summary: "Replace a profile's resourceQuotaSpec (owner or cluster admin)",
          description:
            'Additive. `{}` removes the quota. With `resourceVersion`, a change based on an older version is a 409. The profile controller applies the quota to the namespace.',
          params: ProfileParams,
          body: UpdateProfileBody,
          response: { 200: successEnvelope({ profile: Type.Ref(ProfileSummarySchema) }) },
        },
      },
      async (request) => {
        const access = await context.access(request);
        const { resourceQuotaSpec, resourceVersion } = request.body;
        const updated = await profiles.updateQuota(
          access,
          request.params.profile,
          resourceQuotaSpec,
          resourceVersion,
          request.log,
        );
        return ok(request, { profile: profileSummary(updated, index) });
      },
    );

    app.delete(
      '/kfam/v1/profiles/:profile',
      {
        config: { access: authenticatedRoute },
        schema: {
          tags,
          operationId: 'deleteProfile',
          summary: 'Delete a profile (owner or cluster admin); its namespace goes with it',
          description:
            'A caller who may not delete it gets 403 (upstream answered 401). A profile the caller cannot see is a 403 too, so names are not revealed; cluster admins get 404 for a missing one.',
          params: ProfileParams,
          response: { 200: successEnvelope({ message: Type.String() }) },
        },
      },
      async (request) => {
        const access = await context.access(request);
        await profiles.delete(access, request.params.profile, request.log);
        return ok(request, { message: `Profile '${request.params.profile}' deleted.` });
      },
    );
  };
}
