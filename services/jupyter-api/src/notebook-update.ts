/**
 * The changes PATCH accepts besides start/stop (image, CPU, memory, GPUs), validated exactly like
 * create against the spawner config. Pure.
 */
import { Problems } from './form-problems.ts';
import {
  type NotebookForm,
  SERVER_TYPE_ANNOTATION,
  SERVER_TYPES,
  type ServerType,
  checkImage,
  configuredGpuVendors,
  imageConfigKey,
  resolveGpus,
  resolveResource,
} from './notebook-form.ts';
import type { ContainerSpec, NotebookObject } from './notebook-status.ts';
import type { SpawnerFormDefaults } from './spawner-config.ts';

/** Changes PATCH accepts besides start/stop. */
export interface NotebookChanges {
  image?: string;
  cpu?: unknown;
  cpuLimit?: unknown;
  memory?: unknown;
  memoryLimit?: unknown;
  gpus?: unknown;
}

export const CHANGE_FIELDS = ['image', 'cpu', 'cpuLimit', 'memory', 'memoryLimit', 'gpus'] as const;

/**
 * The main container after image/CPU/memory/GPU changes, validated like create. Returns the new
 * container and whether anything changed; throws a 400 with details.
 */
export function planNotebookUpdate(
  notebook: NotebookObject,
  changes: NotebookChanges,
  defaults: SpawnerFormDefaults,
  maxGpus: number,
): { container: ContainerSpec; changed: boolean } {
  const problems = new Problems();
  const containers = notebook.spec?.template?.spec?.containers;
  const current: ContainerSpec = Array.isArray(containers) && containers[0] ? containers[0] : {};
  const container: ContainerSpec = structuredClone(current);
  const requests: Record<string, unknown> = { ...(container.resources?.requests ?? {}) };
  const limits: Record<string, unknown> = { ...(container.resources?.limits ?? {}) };

  if (changes.image !== undefined) {
    const annotation = notebook.metadata?.annotations?.[SERVER_TYPE_ANNOTATION];
    const serverType = (SERVER_TYPES as readonly string[]).includes(annotation ?? '')
      ? (annotation as ServerType)
      : 'jupyter';
    if (defaults[imageConfigKey(serverType)]?.readOnly) {
      problems.add('image', 'is read-only in the spawner config');
    } else {
      const image = changes.image.trim();
      checkImage(image, serverType, defaults, 'image', problems);
      container.image = image;
    }
  }

  for (const kind of ['cpu', 'memory'] as const) {
    const limitField = kind === 'cpu' ? 'cpuLimit' : 'memoryLimit';
    if (changes[kind] === undefined && changes[limitField] === undefined) continue;
    if (defaults[kind]?.readOnly) {
      problems.add(
        changes[kind] === undefined ? limitField : kind,
        `${kind} is read-only in the spawner config`,
      );
      continue;
    }
    const form: NotebookForm = {
      [kind]: changes[kind] ?? requests[kind],
      [limitField]: changes[limitField] ?? (changes[kind] === undefined ? limits[kind] : undefined),
    };
    const amount = resolveResource(kind, form, { [kind]: { ...defaults[kind], readOnly: false } }, problems);
    if (!amount) continue;
    requests[kind] = amount.request;
    if (amount.limit) limits[kind] = amount.limit;
    else delete limits[kind];
  }

  if (changes.gpus !== undefined) {
    const gpus = resolveGpus(
      { gpus: changes.gpus },
      { gpus: { ...defaults.gpus, value: defaults.gpus?.value ?? {}, readOnly: false } },
      maxGpus,
      problems,
    );
    if (defaults.gpus?.readOnly) problems.add('gpus', 'is read-only in the spawner config');
    for (const vendor of configuredGpuVendors(defaults)) delete limits[vendor.limitsKey];
    if (gpus) limits[gpus.vendor] = String(gpus.num);
  }
  problems.throwIfAny('Invalid change');

  container.resources = {
    ...(container.resources ?? {}),
    requests: requests as Record<string, string>,
    ...(Object.keys(limits).length > 0 ? { limits: limits as Record<string, string> } : {}),
  };
  if (Object.keys(limits).length === 0 && container.resources) delete container.resources.limits;
  const changed = JSON.stringify(container) !== JSON.stringify(current);
  return { container, changed };
}
