/** Schemas of the KFAM routes (/kfam/v1/...) and the additive profile routes. */
import { NamespaceName } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import { QUOTA_SCOPES } from '../profile-model.ts';

/** A user or group name: no control characters, no commas (the groups header is comma-separated), no outer spaces. */
export const SubjectName = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[^\\s,]([^\\u0000-\\u001f\\u007f,]*[^\\s,])?$',
  description: 'User (usually an email) or group name',
});

export const SubjectKind = Type.Union([Type.Literal('User'), Type.Literal('Group')], {
  description: 'RBAC subject kind',
});

export const KfamSubject = Type.Object(
  {
    kind: SubjectKind,
    name: SubjectName,
    apiGroup: Type.Optional(Type.String({ description: 'Ignored (always rbac.authorization.k8s.io)' })),
    namespace: Type.Optional(Type.String({ description: 'Ignored (Users and Groups have none)' })),
  },
  { $id: 'KfamSubject', additionalProperties: false, description: 'Like io.k8s.api.rbac.v1.Subject' },
);

export const KfamRoleName = Type.Union([Type.Literal('admin'), Type.Literal('edit'), Type.Literal('view')], {
  description: 'admin, edit or view: ClusterRole kubeflow-admin, kubeflow-edit or kubeflow-view',
});

export const KfamRoleRef = Type.Object(
  {
    kind: Type.Optional(Type.Literal('ClusterRole')),
    name: KfamRoleName,
    apiGroup: Type.Optional(Type.String({ description: 'Ignored' })),
  },
  { $id: 'KfamRoleRef', additionalProperties: false },
);

export const BindingBody = Type.Object(
  {
    user: Type.Optional(Type.Ref(KfamSubject)),
    subject: Type.Optional(Type.Ref(KfamSubject)),
    referredNamespace: NamespaceName,
    RoleRef: Type.Optional(Type.Ref(KfamRoleRef)),
    roleRef: Type.Optional(Type.Ref(KfamRoleRef)),
    status: Type.Optional(Type.String({ description: 'Ignored' })),
  },
  {
    additionalProperties: false,
    description: 'A binding: `user` or `subject`, and `RoleRef` (or `roleRef`), are required.',
  },
);

export const KfamBindingSchema = Type.Object(
  {
    user: Type.Ref(KfamSubject),
    subject: Type.Ref(KfamSubject),
    referredNamespace: Type.String(),
    RoleRef: Type.Object({ kind: Type.Literal('ClusterRole'), name: KfamRoleName }),
    name: Type.String({ description: 'Name of the RoleBinding (and AuthorizationPolicy)' }),
  },
  {
    $id: 'KfamBinding',
    description: 'A binding as KFAM lists it; `user` and `subject` are the same (older and newer clients).',
  },
);

export const BindingsQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ description: 'Only bindings of this subject name' })),
    namespace: Type.Optional(NamespaceName),
    role: Type.Optional(KfamRoleName),
    groups: Type.Optional(
      Type.String({
        description:
          'JSON list (or comma-separated) of group names: bindings of these groups as well as of `user`',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ClusterAdminQuery = Type.Object(
  {
    user: Type.Optional(
      Type.String({ description: 'Who to ask about (default: the caller; others only for cluster admins)' }),
    ),
  },
  { additionalProperties: false },
);

export const QuotaSpec = Type.Object(
  {
    hard: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.String(), {
        description:
          'Resource name to non-negative quantity, as in a ResourceQuota ("cpu": "8", "requests.memory": "16Gi", "requests.nvidia.com/gpu": "1")',
      }),
    ),
    scopes: Type.Optional(
      Type.Array(Type.String(), { description: `Each one of ${QUOTA_SCOPES.join(', ')}` }),
    ),
    scopeSelector: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { $id: 'ResourceQuotaSpec', additionalProperties: false },
);

export const ProfileOwner = Type.Object(
  {
    kind: SubjectKind,
    name: SubjectName,
    apiGroup: Type.Optional(Type.String()),
    namespace: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const CreateProfileBody = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.Literal('Profile')),
    metadata: Type.Object(
      {
        name: Type.String({ ...NamespaceName, description: 'Profile (and namespace) name' }),
        namespace: Type.Optional(Type.String({ description: 'Ignored (profiles are cluster-scoped)' })),
        labels: Type.Optional(Type.Record(Type.String(), Type.String())),
        annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
      },
      { additionalProperties: false },
    ),
    spec: Type.Optional(
      Type.Object(
        {
          owner: Type.Optional(ProfileOwner),
          resourceQuotaSpec: Type.Optional(Type.Ref(QuotaSpec)),
          plugins: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    description: 'A Profile. Without spec.owner the caller owns it.',
  },
);

export const ProfileParams = Type.Object({ profile: NamespaceName });

export const UpdateProfileBody = Type.Object(
  {
    resourceQuotaSpec: Type.Ref(QuotaSpec),
    resourceVersion: Type.Optional(
      Type.String({ description: 'Refuse (409) when the profile changed since this version' }),
    ),
  },
  { additionalProperties: false },
);

export const KubeObjectSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true, description: 'A raw Kubernetes object' },
);

export const ContributorSchema = Type.Object({
  kind: SubjectKind,
  name: Type.String(),
  role: KfamRoleName,
  binding: Type.String({ description: 'RoleBinding name' }),
});

export const ProfileSummarySchema = Type.Object(
  {
    name: Type.String(),
    owner: Type.Union([Type.Object({ kind: Type.String(), name: Type.String() }), Type.Null()]),
    contributors: Type.Array(ContributorSchema, {
      description: 'KFAM bindings of the namespace other than the owner binding',
    }),
    resourceQuotaSpec: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    creationTimestamp: Type.Union([Type.String(), Type.Null()]),
    resourceVersion: Type.String(),
  },
  { $id: 'ProfileSummary' },
);
