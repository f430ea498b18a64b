/** TypeBox schemas of the jupyter-api routes: the wire contract, also the OpenAPI document. */
import { WatchQuery } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import { DNS1123_LABEL, NamespaceName } from '@kf-ts/shared';
import { NOTEBOOK_NAME_MAX_LENGTH } from '../notebook-form.ts';
import { PHASES, SORT_KEYS } from '../notebook-summary.ts';

/** A Kubernetes object as the API server returns it (every field kept). */
export const KubeObjectSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true },
);

const Timestamp = Type.Union([Type.String(), Type.Null()], { description: 'ISO-8601, or null' });

/** A core/v1 Event about a Notebook, as the API server returns it (every field kept). */
export const NotebookEventSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
    type: Type.Optional(Type.String({ description: 'Normal or Warning' })),
    reason: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    count: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    firstTimestamp: Type.Optional(Timestamp),
    lastTimestamp: Type.Optional(Timestamp),
    eventTime: Type.Optional(Timestamp),
    involvedObject: Type.Optional(
      Type.Object(
        {
          kind: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          namespace: Type.Optional(Type.String()),
          uid: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    source: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { $id: 'NotebookEvent', additionalProperties: true },
);

/** `If-None-Match` on polled lists: the ETag of the answer the client already has. */
export const NotebookStatusSchema = Type.Object(
  {
    phase: Type.Union(
      PHASES.map((phase) => Type.Literal(phase)),
      { description: 'ready, waiting, warning, error, uninitialized, unavailable, terminating or stopped' },
    ),
    message: Type.String(),
    state: Type.String(),
  },
  { $id: 'NotebookStatus', description: 'Status as the Jupyter web app shows it' },
);

export const NotebookSummarySchema = Type.Object(
  {
    name: Type.String(),
    namespace: Type.String(),
    age: Type.String({ description: 'creationTimestamp (ISO-8601)' }),
    image: Type.String({ description: 'Image of the main container ("" when the Notebook has none)' }),
    shortImage: Type.String({ description: 'The image after its last "/"' }),
    cpu: Type.Union([Type.String(), Type.Null()], { description: 'CPU request' }),
    memory: Type.Union([Type.String(), Type.Null()], { description: 'Memory request' }),
    gpus: Type.Object({
      count: Type.Number(),
      message: Type.String({ description: 'For example "2 NVIDIA"' }),
    }),
    volumes: Type.Array(Type.String(), { description: 'Names of the volumes mounted in the main container' }),
    serverType: Type.Union([Type.String(), Type.Null()], {
      description: 'Annotation notebooks.kubeflow.org/server-type',
    }),
    last_activity: Type.String({
      description: 'Annotation notebooks.kubeflow.org/last-activity, or ""',
    }),
    metadata: Type.Object({}, { additionalProperties: true }),
    status: Type.Ref(NotebookStatusSchema),
  },
  { $id: 'NotebookSummary' },
);

export const NotebookParams = Type.Object({
  namespace: NamespaceName,
  name: Type.String({
    pattern: DNS1123_LABEL,
    minLength: 1,
    maxLength: 63,
    description: 'Notebook name',
  }),
});

export const PodLogParams = Type.Object({
  namespace: NamespaceName,
  name: NotebookParams.properties.name,
  pod: Type.String({ pattern: DNS1123_LABEL, minLength: 1, maxLength: 253, description: 'Pod name' }),
});

export const ListQuerySchema = Type.Object(
  {
    phase: Type.Optional(
      Type.String({
        description: `Keep only notebooks in these phases (comma-separated: ${PHASES.join(', ')}).`,
      }),
    ),
    q: Type.Optional(
      Type.String({
        maxLength: 253,
        description:
          'Keep only notebooks whose name, namespace, image or server type contains this text (any case).',
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        SORT_KEYS.flatMap((key) => [Type.Literal(key), Type.Literal(`-${key}`)]),
        { description: 'Sort key; "-" in front sorts descending. Default: namespace, then name.' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Page size.' })),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Items to skip (after filtering and sorting).' }),
    ),
    ...WatchQuery.properties,
  },
  {
    description:
      'Optional filtering, sorting and paging. Without any of them the whole list comes back, as upstream.',
  },
);

export const LogsQuerySchema = Type.Object({
  tailLines: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100000, description: 'Only the last N lines.' }),
  ),
  sinceSeconds: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Only lines from the last N seconds.' }),
  ),
  container: Type.Optional(
    Type.String({
      pattern: DNS1123_LABEL,
      maxLength: 63,
      description: "Container of the pod (default: the notebook's main container, named after the notebook).",
    }),
  ),
});

const QuantityInput = Type.Union([Type.String(), Type.Number()], {
  description: 'A Kubernetes quantity ("500m", "1.5", "1024Mi", "2Gi")',
});

const VolumeInput = Type.Object(
  {
    mount: Type.String({ description: 'Absolute mount path in the container' }),
    newPvc: Type.Optional(
      Type.Object(
        {
          metadata: Type.Object(
            {
              name: Type.String({
                description: 'PVC name; "{notebook-name}" is replaced with the notebook name',
              }),
            },
            { additionalProperties: true },
          ),
          spec: Type.Object({}, { additionalProperties: true }),
        },
        { additionalProperties: true, description: 'A PVC to create for the notebook' },
      ),
    ),
    existingSource: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'One volume source, e.g. {persistentVolumeClaim: {claimName}}; the types allowed are set by ALLOWED_VOLUME_SOURCES',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const GpusInput = Type.Object(
  {
    num: Type.Union([Type.String(), Type.Integer()], {
      description: '"none" or the number of devices (1 to GPU_MAX_PER_NOTEBOOK)',
    }),
    vendor: Type.Optional(Type.String({ description: 'A configured vendor limitsKey, e.g. nvidia.com/gpu' })),
  },
  { additionalProperties: false },
);

export const CreateNotebookBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: NOTEBOOK_NAME_MAX_LENGTH,
      description: `DNS-1123 label of at most ${NOTEBOOK_NAME_MAX_LENGTH} characters (room for the StatefulSet pod name and labels)`,
    }),
    namespace: Type.Optional(Type.String({ description: 'Ignored: the path names the namespace' })),
    image: Type.Optional(
      Type.String({ description: "An image from the server type's options (default: the config's value)" }),
    ),
    imageGroupOne: Type.Optional(Type.String({ description: 'Sent by the SPA; ignored' })),
    imageGroupTwo: Type.Optional(Type.String({ description: 'Sent by the SPA; ignored' })),
    allowCustomImage: Type.Optional(
      Type.Boolean({ description: 'Sent by the SPA; ignored (the config decides)' }),
    ),
    customImage: Type.Optional(
      Type.String({ description: 'Used instead of image when customImageCheck is true' }),
    ),
    customImageCheck: Type.Optional(Type.Boolean()),
    imagePullPolicy: Type.Optional(Type.String({ description: 'Always, IfNotPresent or Never' })),
    serverType: Type.Optional(Type.String({ description: 'jupyter (or ""), group-one or group-two' })),
    cpu: Type.Optional(QuantityInput),
    cpuLimit: Type.Optional(
      Type.Union([Type.String(), Type.Number(), Type.Null()], {
        description: 'Default: cpu x the configured limitFactor ("none": no limit); never below cpu',
      }),
    ),
    memory: Type.Optional(QuantityInput),
    memoryLimit: Type.Optional(
      Type.Union([Type.String(), Type.Number(), Type.Null()], {
        description: 'Default: memory x the configured limitFactor; never below memory',
      }),
    ),
    gpus: Type.Optional(GpusInput),
    tolerationGroup: Type.Optional(Type.String({ description: 'A configured groupKey, "" or "none"' })),
    affinityConfig: Type.Optional(Type.String({ description: 'A configured configKey, "" or "none"' })),
    configurations: Type.Optional(
      Type.Array(Type.String(), { description: 'Labels of PodDefaults in the namespace, set to "true"' }),
    ),
    shm: Type.Optional(Type.Boolean({ description: 'Mount a memory emptyDir at /dev/shm' })),
    workspace: Type.Optional(
      Type.Union([VolumeInput, Type.Null()], {
        description: "Workspace volume; absent: the config's default; null: none",
      }),
    ),
    datavols: Type.Optional(Type.Array(VolumeInput, { description: 'Data volumes' })),
    environment: Type.Optional(
      Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()], {
        description: 'Environment variables: an object of name -> value, or that object as a JSON string',
      }),
    ),
  },
  {
    additionalProperties: true,
    description:
      "The Jupyter spawner form. Each field left out takes the spawner config's value; a field the config marks readOnly must be left out. Unknown fields are ignored (SPA versions send extra keys).",
  },
);

export const PatchNotebookBody = Type.Object(
  {
    stopped: Type.Optional(
      Type.Boolean({ description: 'true: stop (409 if already stopped); false: start' }),
    ),
    image: Type.Optional(Type.String({ description: 'New image, checked against the config as on create' })),
    cpu: Type.Optional(QuantityInput),
    cpuLimit: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
    memory: Type.Optional(QuantityInput),
    memoryLimit: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
    gpus: Type.Optional(GpusInput),
    resourceVersion: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'The resourceVersion the change is based on; a stale one is a 409 (optimistic concurrency)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DeleteNotebookQuery = Type.Object({
  deleteWorkspaceVolume: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        "Also delete the notebook's workspace PVC (mounted at the configured workspace path) when no other notebook or pod uses it; 409 and nothing deleted otherwise. Needs delete persistentvolumeclaims.",
    }),
  ),
});
