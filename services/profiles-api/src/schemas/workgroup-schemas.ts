/** Schemas of the central dashboard's workgroup routes (/api/workgroup/...): plain JSON, no envelope. */
import { FieldErrorSchema, NamespaceName } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import { SubjectName } from './kfam-schemas.ts';

/** The dashboard's error body `{error}` plus our additive fields. */
export const WorkgroupErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'A message a person can act on' }),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    details: Type.Optional(Type.Array(Type.Ref(FieldErrorSchema))),
    requestId: Type.String(),
  },
  { $id: 'WorkgroupError', description: "Errors of the workgroup routes, in the central dashboard's shape" },
);

export const workgroupErrors = {
  '4xx': Type.Ref(WorkgroupErrorSchema),
  '5xx': Type.Ref(WorkgroupErrorSchema),
};

export const SimpleRole = Type.Union([
  Type.Literal('owner'),
  Type.Literal('contributor'),
  Type.Literal('viewer'),
]);

export const SimpleBinding = Type.Object({
  namespace: Type.String(),
  role: SimpleRole,
  subject: Type.String({ description: 'The user or group the access comes through' }),
  kind: Type.Optional(Type.String({ description: 'User or Group' })),
});

export const ExistsResponse = Type.Object({
  user: Type.String({
    description: 'The user name (the part of the email before @), as the dashboard reports it',
  }),
  hasAuth: Type.Boolean(),
  hasWorkgroup: Type.Boolean({ description: 'The caller owns a profile' }),
  registrationFlowAllowed: Type.Boolean({ description: 'SELF_REGISTRATION' }),
});

export const PlatformInfo = Type.Object({
  provider: Type.String(),
  providerName: Type.String(),
  kubeflowVersion: Type.String(),
  logoutUrl: Type.String(),
});

export const EnvInfoResponse = Type.Object({
  user: Type.String(),
  platform: PlatformInfo,
  namespaces: Type.Array(SimpleBinding),
  isClusterAdmin: Type.Boolean(),
});

export const CreateWorkgroupBody = Type.Object(
  {
    namespace: Type.Optional(NamespaceName),
    user: Type.Optional(
      Type.String({
        ...SubjectName,
        description: 'Owner; only cluster admins may name someone other than themselves',
      }),
    ),
  },
  { additionalProperties: false },
);

export const MessageResponse = Type.Object({ message: Type.String() });

export const AllNamespacesResponse = Type.Array(
  Type.Array(Type.Union([Type.String(), Type.Null()]), {
    description: '[namespace, owner, "contributor, contributor"]',
  }),
);

export const Contributor = Type.Object({ name: Type.String(), kind: Type.String() });
export const ContributorsResponse = Type.Array(Contributor);

export const ContributorBody = Type.Object(
  {
    contributor: Type.String({
      minLength: 1,
      maxLength: 253,
      description: 'Email of a user, or a group name',
    }),
    cType: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('group')], { default: 'user' })),
  },
  { additionalProperties: false },
);

export const WorkgroupNamespaceParams = Type.Object({ namespace: NamespaceName });
