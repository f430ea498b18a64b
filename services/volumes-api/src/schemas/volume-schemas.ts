import { NamespaceName, ObjectName } from '@kf-ts/shared';
import { Type } from '@sinclair/typebox';
import { ACCESS_MODES } from '../pvc-form.ts';

/** A Kubernetes object as the API server returns it (every field kept). */
export const KubeObjectSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true, description: 'A Kubernetes object, as the API server returns it' },
);

export const PvcParams = Type.Object({ namespace: NamespaceName, pvc: ObjectName });
export const ViewerParams = Type.Object({ namespace: NamespaceName, name: ObjectName });

export const VolumeStatusSchema = Type.Object(
  {
    phase: Type.Union(
      ['ready', 'waiting', 'warning', 'error', 'uninitialized', 'unavailable', 'terminating', 'stopped'].map(
        (phase) => Type.Literal(phase),
      ),
    ),
    message: Type.String(),
    state: Type.String({
      description:
        'The reason behind the phase: the newest event reason while unbound; for an expansion ResizeRequested, Resizing, FileSystemResizePending (or an allocatedResourceStatuses value) while pending and ControllerResizeError, NodeResizeError or the failure event reason when it failed',
    }),
  },
  { $id: 'VolumeStatus', description: 'Status as the Volumes web app shows it' },
);

export const ViewerPhaseSchema = Type.Union(
  ['uninitialized', 'terminating', 'ready', 'waiting'].map((phase) => Type.Literal(phase)),
  { description: 'uninitialized when there is no viewer (or the PVCViewer API is absent)' },
);

export const PvcSummarySchema = Type.Object(
  {
    name: Type.String(),
    namespace: Type.String(),
    age: Type.String({ description: 'creationTimestamp (ISO-8601)' }),
    capacity: Type.String({ description: 'status.capacity.storage, else the requested size' }),
    modes: Type.Array(Type.String()),
    class: Type.Union([Type.String(), Type.Null()], { description: 'storageClassName; null when unset' }),
    status: Type.Ref(VolumeStatusSchema),
    notebooks: Type.Array(Type.String(), {
      description: 'Notebooks whose pod template mounts this PVC, running or stopped',
    }),
    viewer: Type.Object({
      status: ViewerPhaseSchema,
      url: Type.Union([Type.String(), Type.Null()], { description: "The viewer's status.url" }),
    }),
  },
  { $id: 'PvcSummary' },
);

export const CreatePvcBody = Type.Object(
  {
    name: Type.String({ description: 'PVC name (DNS-1123)', minLength: 1 }),
    mode: Type.String({ description: `Access mode: ${ACCESS_MODES.join(', ')}` }),
    class: Type.String({
      description:
        'A storage class name, "{none}" for no class (storageClassName ""), or "{empty}" for the default class (storageClassName left out)',
    }),
    size: Type.Union([Type.String(), Type.Number()], {
      description: 'A positive Kubernetes quantity, e.g. 10Gi',
    }),
    type: Type.Optional(Type.String({ description: '"empty" (default) or "snapshot" (needs `snapshot`)' })),
    snapshot: Type.Optional(
      Type.String({
        description:
          'VolumeSnapshot to restore from (dataSource). Only when the snapshot.storage.k8s.io API is served; needs get volumesnapshots.',
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Labels for the PVC (additive)' }),
    ),
    annotations: Type.Optional(
      Type.Array(Type.Object({ key: Type.String(), value: Type.String() }, { additionalProperties: false }), {
        description: 'Annotations as older Volumes SPAs send them',
      }),
    ),
    namespace: Type.Optional(
      Type.String({ description: 'Ignored unless it differs from the path namespace (then 400)' }),
    ),
  },
  { additionalProperties: false },
);

export const ResizePvcBody = Type.Object(
  {
    size: Type.String({
      description: 'The new size (a Kubernetes quantity), not smaller than the current one',
    }),
  },
  { additionalProperties: false },
);

export const CreateViewerBody = Type.Object(
  {
    name: Type.String({
      pattern: ObjectName.pattern,
      maxLength: 253,
      minLength: 1,
      description: 'The PVC to browse; the viewer is named after it',
    }),
  },
  { additionalProperties: false },
);
