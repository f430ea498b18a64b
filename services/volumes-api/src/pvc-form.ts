/**
 * The create form (POST /api/namespaces/{ns}/pvcs) and the resize request turned into
 * Kubernetes objects, with every problem reported per field. Pure: no Fastify, no client.
 */
import { type FieldError, type KubeObject, badRequest, conflict, parseQuantity } from '@kf-ts/shared';
import type { PvcObject } from './pvc-status.ts';

export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
export const NO_CLASS = '{none}';
export const DEFAULT_CLASS = '{empty}';

export interface PvcForm {
  name: string;
  mode: string;
  class: string;
  size: string | number;
  type?: string;
  snapshot?: string;
  labels?: Record<string, string>;
  annotations?: { key: string; value: string }[];
  namespace?: string;
}

export interface PvcFormContext {
  namespace: string;
  /** Names of the storage classes in the cluster. */
  storageClasses: string[];
  /** The VolumeSnapshot API is served by the cluster. */
  snapshotsAvailable: boolean;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A Kubernetes qualified name (`prefix/name` or `name`), as label and annotation keys are. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
  ) {
    return 'the prefix must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")';
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return 'must be empty or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** The size as a quantity string, or a problem. */
export function sizeProblem(size: string | number): string | undefined {
  const value = parseQuantity(typeof size === 'number' ? String(size) : size);
  if (value === undefined) return 'must be a Kubernetes quantity such as 10Gi or 500Mi';
  if (value <= 0) return 'must be greater than zero';
  return undefined;
}

/**
 * The PVC a create form asks for. Throws 400 with one detail per problem; nothing is created
 * on bad input.
 */
export function planPvc(form: PvcForm, context: PvcFormContext): KubeObject {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field: `/body/${field}`, message });

  if (form.namespace !== undefined && form.namespace !== context.namespace) {
    add('namespace', `must be the namespace of the path (${context.namespace}) or left out`);
  }
  if (form.name.length > 253 || !DNS1123_SUBDOMAIN.test(form.name)) {
    add(
      'name',
      'must be a DNS-1123 name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
    );
  }
  if (!(ACCESS_MODES as readonly string[]).includes(form.mode)) {
    add('mode', `must be one of ${ACCESS_MODES.join(', ')}`);
  }
  const size = typeof form.size === 'number' ? String(form.size) : form.size.trim();
  const badSize = sizeProblem(size);
  if (badSize) add('size', badSize);

  let storageClassName: string | undefined;
  if (form.class === NO_CLASS || form.class === '') storageClassName = '';
  else if (form.class === DEFAULT_CLASS) storageClassName = undefined;
  else if (!context.storageClasses.includes(form.class)) {
    add(
      'class',
      `storage class '${form.class}' does not exist; use one of ${[...context.storageClasses].sort().join(', ') || '(none in the cluster)'}, ${NO_CLASS} (no class) or ${DEFAULT_CLASS} (the default class)`,
    );
  } else storageClassName = form.class;

  const type = form.type ?? (form.snapshot ? 'snapshot' : 'empty');
  const snapshot = form.snapshot ?? '';
  let dataSource: Record<string, string> | undefined;
  if (type === 'snapshot') {
    if (!context.snapshotsAvailable) {
      add(
        'snapshot',
        'volume snapshots (snapshot.storage.k8s.io/v1 VolumeSnapshot) are not available in this cluster',
      );
    } else if (!snapshot || !DNS1123_SUBDOMAIN.test(snapshot) || snapshot.length > 253) {
      add('snapshot', 'must name a VolumeSnapshot in the namespace');
    } else {
      dataSource = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: snapshot };
    }
  } else if (type === 'empty') {
    if (snapshot !== '') add('snapshot', 'must be left out unless type is "snapshot"');
  } else {
    add('type', 'must be "empty" or "snapshot"');
  }

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(form.labels ?? {})) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) add(`labels/${key}`, `label key ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) add(`labels/${key}`, `label value ${valueProblem}`);
    labels[key] = value;
  }
  const annotations: Record<string, string> = {};
  (form.annotations ?? []).forEach((annotation, index) => {
    const keyProblem = qualifiedNameProblem(annotation.key);
    if (keyProblem) add(`annotations/${index}/key`, `annotation key ${keyProblem}`);
    annotations[annotation.key] = annotation.value;
  });

  if (problems.length > 0) {
    throw badRequest(
      `Invalid volume: ${problems
        .slice(0, 3)
        .map((problem) => `${problem.field} ${problem.message}`)
        .join('; ')}`,
      problems,
    );
  }

  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: form.name,
      namespace: context.namespace,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      accessModes: [form.mode],
      resources: { requests: { storage: size } },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
      ...(dataSource ? { dataSource } : {}),
    },
  };
}

export interface StorageClassObject extends KubeObject {
  allowVolumeExpansion?: unknown;
}

/** The requested size of a PVC (spec.resources.requests.storage), or undefined. */
export function requestedSize(pvc: PvcObject): string | undefined {
  const value = pvc.spec?.resources?.requests?.storage;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * A resize: the merge patch that expands the PVC, or undefined when it already asks for that
 * size. Refused (with a reason) when the class does not allow expansion, the PVC is not bound
 * or being deleted, or the size is smaller.
 */
export function planResize(
  pvc: PvcObject,
  size: string,
  storageClass: StorageClassObject | undefined,
): { storage: string } | undefined {
  const name = pvc.metadata?.name ?? '';
  const badSize = sizeProblem(size);
  if (badSize) throw badRequest(`Invalid size: ${badSize}`, [{ field: '/body/size', message: badSize }]);
  if (pvc.metadata?.deletionTimestamp) throw conflict(`PVC '${name}' is being deleted.`);
  const className = typeof pvc.spec?.storageClassName === 'string' ? pvc.spec.storageClassName : '';
  if (!className) {
    throw badRequest(`PVC '${name}' has no storage class, so it cannot be expanded.`, [
      { field: '/body/size', message: 'the volume has no storage class that allows expansion' },
    ]);
  }
  if (!storageClass) {
    throw badRequest(
      `The storage class '${className}' of PVC '${name}' does not exist, so it cannot be expanded.`,
      [{ field: '/body/size', message: `storage class '${className}' not found` }],
    );
  }
  if (storageClass.allowVolumeExpansion !== true) {
    throw badRequest(
      `The storage class '${className}' of PVC '${name}' does not allow volume expansion (allowVolumeExpansion is not true).`,
      [{ field: '/body/size', message: `storage class '${className}' does not allow expansion` }],
    );
  }
  const current = requestedSize(pvc);
  const currentBytes = parseQuantity(current);
  const wantedBytes = parseQuantity(size)!;
  if (currentBytes !== undefined && wantedBytes < currentBytes) {
    throw badRequest(`A volume cannot shrink: PVC '${name}' has ${current}, asked for ${size}.`, [
      { field: '/body/size', message: `must not be smaller than the current size ${current}` },
    ]);
  }
  if (pvc.status?.phase !== 'Bound') {
    throw conflict(`PVC '${name}' is not bound yet; only a bound volume can be expanded.`);
  }
  if (currentBytes !== undefined && wantedBytes === currentBytes) return undefined;
  return { storage: size };
}
