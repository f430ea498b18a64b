import { DNS1123_LABEL, NamespaceName, WatchQuery } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import { PHASES } from '../tensorboard-status.ts';

export const StatusSchema = Type.Object(
  {
    phase: Type.Union(
      PHASES.map((phase) => Type.Literal(phase)),
      { description: 'ready, waiting, warning, error or terminating' },
    ),
    message: Type.String({ description: 'What the phase means for this server, for people' }),
    state: Type.String({ description: 'The reason behind a warning or error ("" otherwise)' }),
  },
  { $id: 'TensorboardStatus' },
);

export const SummarySchema = Type.Object(
  {
    name: Type.String(),
    namespace: Type.String(),
    logspath: Type.String({
      description: 'pvc://<pvc>/<path> or an object-store URL ("" when the object has none)',
    }),
    age: Type.String({ description: 'creationTimestamp (ISO-8601)' }),
    status: Type.Ref(StatusSchema),
  },
  { $id: 'TensorboardSummary' },
);

export const KubeObjectSchema = Type.Object(
  { metadata: Type.Optional(Type.Object({}, { additionalProperties: true })) },
  { additionalProperties: true },
);

export const TensorboardName = Type.String({
  pattern: DNS1123_LABEL,
  minLength: 1,
  maxLength: 63,
  description: 'TensorBoard name (DNS-1123 label)',
});

export const TensorboardParams = Type.Object({ namespace: NamespaceName, name: TensorboardName });

export const ListQuery = WatchQuery;

export const CreateBody = Type.Object(
  {
    name: TensorboardName,
    logspath: Type.String({
      minLength: 1,
      maxLength: 1024,
      description:
        'pvc://<pvc>/<path> (the PVC must exist in the namespace; the path may not leave it) or an object-store URL (gs://, s3:// and the schemes of TENSORBOARD_LOGSPATH_SCHEMES)',
    }),
    configurations: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
        maxItems: 100,
        description: 'Labels of PodDefaults in the namespace to apply (absent or empty: none)',
      }),
    ),
    namespace: Type.Optional(
      Type.String({ description: 'Ignored when equal to the path namespace; a different one is a 400.' }),
    ),
  },
  { additionalProperties: false },
);
