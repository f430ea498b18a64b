/**
 * The Jupyter create form turned into a Notebook CR and the PVCs to create for it. Pure: every
 * value is checked against the spawner config and the namespace's PodDefault labels, and all
 * problems are reported together as field-level details.
 */
import { DNS1123_LABEL, formatBytes, formatCpu, parseQuantity } from '@kf-ts/shared';
import { type NotebookForm, Problems, formValue, isObject, provided, quantityText } from './form-problems.ts';
import type { ContainerSpec, NotebookObject } from './notebook-status.ts';
import { type PvcObject, podVolumesAndMounts, resolveVolumes } from './notebook-volumes.ts';
import type { SpawnerFormDefaults } from './spawner-config.ts';

export type { NotebookForm } from './form-problems.ts';

export const SERVER_TYPE_ANNOTATION = 'notebooks.kubeflow.org/server-type';
export const CREATOR_ANNOTATION = 'notebooks.kubeflow.org/creator';
export const URI_REWRITE_ANNOTATION = 'notebooks.kubeflow.org/http-rewrite-uri';
export const HEADERS_ANNOTATION = 'notebooks.kubeflow.org/http-headers-request-set';
export const NOTEBOOK_SERVICE_ACCOUNT = 'default-editor';

/**
 * Longest notebook name: the StatefulSet's pods are "<name>-0" and carry the label
 * controller-revision-hash "<name>-<10-character hash>", which must fit in a 63-character label.
 */
export const NOTEBOOK_NAME_MAX_LENGTH = 52;

/** Labels this service and the notebook controller own; `configurations` may not set them. */
export const RESERVED_LABELS = new Set(['app', 'notebook-name', 'statefulset', 'controller-revision-hash']);

export const SERVER_TYPES = ['jupyter', 'group-one', 'group-two'] as const;
export type ServerType = (typeof SERVER_TYPES)[number];
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export interface FormContext {
  namespace: string;
  /** The caller, recorded in the creator annotation. */
  creator: string;
  defaults: SpawnerFormDefaults;
  /** Label keys of the PodDefaults in the namespace: the only valid `configurations`. */
  podDefaultLabels: Set<string>;
  /** `existingSource` volume types that may be used. */
  allowedVolumeSources: Set<string>;
  maxGpus: number;
}

export interface NotebookPlan {
  notebook: NotebookObject;
  /** PVCs to create before the Notebook, in order. */
  newPvcs: PvcObject[];
  /** Where in the body each new PVC's name came from, by PVC name (for errors about that name). */
  newPvcFields: Record<string, string>;
}

export function checkNotebookName(name: unknown, problems: Problems): name is string {
  if (typeof name !== 'string' || name === '') {
    problems.add('name', 'is required');
    return false;
  }
  if (name.length > NOTEBOOK_NAME_MAX_LENGTH) {
    problems.add(
      'name',
      `must be at most ${NOTEBOOK_NAME_MAX_LENGTH} characters (the pod name and labels derived from it must fit in 63)`,
    );
    return false;
  }
  if (!new RegExp(DNS1123_LABEL).test(name)) {
    problems.add(
      'name',
      'must consist of lowercase letters, digits and "-", and start and end with a letter or digit',
    );
    return false;
  }
  return true;
}

export function resolveServerType(form: NotebookForm, problems: Problems): ServerType {
  const value = form.serverType;
  if (value === undefined || value === null || value === '') return 'jupyter';
  if (typeof value === 'string' && (SERVER_TYPES as readonly string[]).includes(value)) {
    return value as ServerType;
  }
  problems.add('serverType', `must be one of ${SERVER_TYPES.join(', ')} ("" means jupyter)`);
  return 'jupyter';
}

/** The config section with the images of a server type. */
export function imageConfigKey(serverType: ServerType): 'image' | 'imageGroupOne' | 'imageGroupTwo' {
  return serverType === 'group-one'
    ? 'imageGroupOne'
    : serverType === 'group-two'
      ? 'imageGroupTwo'
      : 'image';
}

/** Refuses an image that is not offered for the server type, unless custom images are allowed. */
export function checkImage(
  image: string,
  serverType: ServerType,
  defaults: SpawnerFormDefaults,
  field: string,
  problems: Problems,
): void {
  if (image === '') {
    problems.add(field, 'is required');
    return;
  }
  if (/\s/.test(image)) {
    problems.add(field, 'must not contain spaces');
    return;
  }
  if (defaults.allowCustomImage) return;
  const section = defaults[imageConfigKey(serverType)];
  const options = section?.options ?? (section?.value ? [section.value] : []);
  if (!options.includes(image)) {
    problems.add(
      field,
      `is not one of the images offered for ${serverType} servers, and custom images are not allowed`,
    );
  }
}

/** The image: `customImage` when the form says so, else `image`, else the config's default. */
export function resolveImage(
  form: NotebookForm,
  serverType: ServerType,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): string {
  const section = defaults[imageConfigKey(serverType)];
  const useCustom =
    form.customImageCheck === true ||
    (form.customImageCheck === undefined && typeof form.customImage === 'string' && form.customImage !== '');
  const field = useCustom ? 'customImage' : 'image';
  if (section?.readOnly) {
    if (useCustom || provided(form, 'image')) {
      problems.add(field, 'is read-only in the spawner config; leave it out to get the configured image');
    }
    return section.value;
  }
  if (useCustom && !defaults.allowCustomImage) {
    problems.add('customImage', 'custom images are not allowed by the spawner config');
    return '';
  }
  const value = useCustom ? form.customImage : provided(form, 'image') ? form.image : section?.value;
  if (value === undefined || value === null) {
    problems.add(
      field,
      useCustom
        ? 'is required when customImageCheck is true'
        : 'is required (the spawner config has no default image for this server type)',
    );
    return '';
  }
  if (typeof value !== 'string') {
    problems.add(field, 'must be a string');
    return '';
  }
  const image = value.trim();
  if (!useCustom) checkImage(image, serverType, defaults, field, problems);
  else if (image === '' || /\s/.test(image)) problems.add(field, 'must be an image reference without spaces');
  return image;
}

export function resolveImagePullPolicy(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): string | undefined {
  const value = formValue(form, defaults.imagePullPolicy, 'imagePullPolicy', problems);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !IMAGE_PULL_POLICIES.includes(value)) {
    problems.add('imagePullPolicy', `must be one of ${IMAGE_PULL_POLICIES.join(', ')}`);
    return undefined;
  }
  return value;
}

/** Memory limit text: exact binary units when they fit, else whole mebibytes rounded up. */
export function formatMemory(bytes: number): string {
  const exact = formatBytes(bytes);
  if (/[KMGTPE]i$/.test(exact) || bytes < 2 ** 20) return exact;
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}

export interface ResourceAmount {
  request: string;
  /** Absent: no limit. */
  limit?: string;
}

/**
 * CPU or memory: request from the form (or config), limit from the form or request x
 * limitFactor ("none": no limit). When the config makes the request read-only, the limit is too.
 */
export function resolveResource(
  kind: 'cpu' | 'memory',
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): ResourceAmount | undefined {
  const limitField = kind === 'cpu' ? 'cpuLimit' : 'memoryLimit';
  const section = defaults[kind];
  const requestText = quantityText(formValue(form, section, kind, problems));
  const request = parseQuantity(requestText);
  if (requestText === undefined || request === undefined || request <= 0) {
    problems.add(
      kind,
      `must be a positive Kubernetes quantity (for example ${kind === 'cpu' ? '"500m" or "1.5"' : '"1024Mi" or "2Gi"'})`,
    );
    return undefined;
  }
  let limitInput: unknown = form[limitField];
  if (section?.readOnly && provided(form, limitField)) {
    problems.add(limitField, `is read-only because ${kind} is read-only in the spawner config`);
    limitInput = undefined;
  }
  const limitText = quantityText(limitInput);
  if (limitText !== undefined && limitText !== '' && limitText !== 'none') {
    const limit = parseQuantity(limitText);
    if (limit === undefined || limit <= 0) {
      problems.add(limitField, 'must be a positive Kubernetes quantity');
      return undefined;
    }
    if (limit < request) {
      problems.add(limitField, `must not be below the request (${requestText})`);
      return undefined;
    }
    return { request: requestText, limit: limitText };
  }
  if (limitInput !== undefined && limitInput !== null && limitText === undefined) {
    problems.add(limitField, 'must be a Kubernetes quantity');
    return undefined;
  }
  const factor = section?.limitFactor;
  if (factor === undefined || factor === 'none' || limitText === 'none') return { request: requestText };
  const multiplier = Number(factor);
  if (!Number.isFinite(multiplier) || multiplier < 1) return { request: requestText };
  const computed = request * multiplier;
  return { request: requestText, limit: kind === 'cpu' ? formatCpu(computed) : formatMemory(computed) };
}

export interface GpuRequest {
  vendor: string;
  num: number;
}

export function configuredGpuVendors(defaults: SpawnerFormDefaults): { limitsKey: string; uiName: string }[] {
  const vendors = defaults.gpus?.value?.vendors;
  return Array.isArray(vendors) ? vendors.filter((vendor) => typeof vendor?.limitsKey === 'string') : [];
}

/** `gpus: {num: "none" | n, vendor: limitsKey}`; undefined when no GPUs are wanted. */
export function resolveGpus(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  maxGpus: number,
  problems: Problems,
): GpuRequest | undefined {
  const value = formValue(form, defaults.gpus, 'gpus', problems);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    problems.add('gpus', 'must be an object {num, vendor}');
    return undefined;
  }
  const rawNum = value.num;
  if (rawNum === undefined || rawNum === 'none' || rawNum === '' || rawNum === 0 || rawNum === '0') {
    return undefined;
  }
  const num = typeof rawNum === 'number' ? rawNum : typeof rawNum === 'string' ? Number(rawNum) : NaN;
  if (!Number.isInteger(num) || num < 1 || num > maxGpus) {
    problems.add('gpus/num', `must be "none" or a whole number from 1 to ${maxGpus}`);
    return undefined;
  }
  const keys = configuredGpuVendors(defaults).map((vendor) => vendor.limitsKey);
  if (typeof value.vendor !== 'string' || !keys.includes(value.vendor)) {
    problems.add('gpus/vendor', `must be one of the configured GPU vendors: ${keys.join(', ') || '(none)'}`);
    return undefined;
  }
  return { vendor: value.vendor, num };
}

function optionKey(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || value === 'none') return undefined;
  return typeof value === 'string' ? value : '';
}

export function resolveTolerations(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): Record<string, unknown>[] {
  const key = optionKey(formValue(form, defaults.tolerationGroup, 'tolerationGroup', problems));
  if (key === undefined) return [];
  const group = (defaults.tolerationGroup?.options ?? []).find((option) => option.groupKey === key);
  if (!group) {
    problems.add('tolerationGroup', 'must be the groupKey of a configured toleration group, or "none"');
    return [];
  }
  return (group.tolerations ?? []) as Record<string, unknown>[];
}

export function resolveAffinity(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): Record<string, unknown> | undefined {
  const key = optionKey(formValue(form, defaults.affinityConfig, 'affinityConfig', problems));
  if (key === undefined) return undefined;
  const config = (defaults.affinityConfig?.options ?? []).find((option) => option.configKey === key);
  if (!config) {
    problems.add('affinityConfig', 'must be the configKey of a configured affinity, or "none"');
    return undefined;
  }
  return config.affinity as Record<string, unknown> | undefined;
}

export function resolveConfigurations(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  podDefaultLabels: Set<string>,
  problems: Problems,
): string[] {
  const value = formValue(form, defaults.configurations, 'configurations', problems);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((label) => typeof label !== 'string')) {
    problems.add('configurations', 'must be a list of PodDefault labels');
    return [];
  }
  const labels: string[] = [];
  value.forEach((label: string, index) => {
    if (RESERVED_LABELS.has(label)) {
      problems.add(`configurations/${index}`, `"${label}" is a label the notebook itself uses`);
    } else if (!podDefaultLabels.has(label)) {
      problems.add(
        `configurations/${index}`,
        `"${label}" is not the label of a PodDefault in this namespace`,
      );
    } else if (!labels.includes(label)) labels.push(label);
  });
  return labels;
}

export function resolveShm(form: NotebookForm, defaults: SpawnerFormDefaults, problems: Problems): boolean {
  const value = formValue(form, defaults.shm, 'shm', problems);
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    problems.add('shm', 'must be true or false');
    return false;
  }
  return value;
}

/** `environment`: an object of name -> value, or that object as a JSON string (the ROK form). */
export function resolveEnvironment(
  form: NotebookForm,
  defaults: SpawnerFormDefaults,
  problems: Problems,
): { name: string; value: string }[] {
  let value = formValue(form, defaults.environment, 'environment', problems);
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      problems.add('environment', 'must be an object of variable names to values (or that object as JSON)');
      return [];
    }
  }
  if (!isObject(value)) {
    problems.add('environment', 'must be an object of variable names to values');
    return [];
  }
  const env: { name: string; value: string }[] = [];
  for (const [name, raw] of Object.entries(value)) {
    if (!ENV_NAME.test(name)) {
      problems.add(`environment/${name}`, 'is not a valid environment variable name');
      continue;
    }
    env.push({ name, value: typeof raw === 'string' ? raw : JSON.stringify(raw) });
  }
  return env;
}

/** The container resources for requests, limits and GPUs. */
export function containerResources(cpu?: ResourceAmount, memory?: ResourceAmount, gpus?: GpuRequest) {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (cpu) {
    requests.cpu = cpu.request;
    if (cpu.limit) limits.cpu = cpu.limit;
  }
  if (memory) {
    requests.memory = memory.request;
    if (memory.limit) limits.memory = memory.limit;
  }
  if (gpus) limits[gpus.vendor] = String(gpus.num);
  return Object.keys(limits).length > 0 ? { requests, limits } : { requests };
}

/** Turns the create form into the Notebook CR and the PVCs to create, or throws a 400 with details. */
export function planNotebook(form: NotebookForm, context: FormContext): NotebookPlan {
  const problems = new Problems();
  if (!isObject(form)) {
    problems.add('', 'must be a JSON object');
    problems.throwIfAny('Invalid notebook');
  }
  const name = form.name;
  const nameOk = checkNotebookName(name, problems);
  const notebookName = nameOk ? name : 'notebook';
  const { defaults } = context;
  const serverType = resolveServerType(form, problems);
  const image = resolveImage(form, serverType, defaults, problems);
  const imagePullPolicy = resolveImagePullPolicy(form, defaults, problems);
  const cpu = resolveResource('cpu', form, defaults, problems);
  const memory = resolveResource('memory', form, defaults, problems);
  const gpus = resolveGpus(form, defaults, context.maxGpus, problems);
  const tolerations = resolveTolerations(form, defaults, problems);
  const affinity = resolveAffinity(form, defaults, problems);
  const configurations = resolveConfigurations(form, defaults, context.podDefaultLabels, problems);
  const shm = resolveShm(form, defaults, problems);
  const env = resolveEnvironment(form, defaults, problems);
  const volumes = resolveVolumes(form, notebookName, context, shm, problems);
  problems.throwIfAny('Invalid notebook');

  const labels: Record<string, string> = { app: notebookName };
  for (const label of configurations) labels[label] = 'true';
  const annotations: Record<string, string> = {
    [SERVER_TYPE_ANNOTATION]: serverType,
    [CREATOR_ANNOTATION]: context.creator,
  };
  if (serverType !== 'jupyter') annotations[URI_REWRITE_ANNOTATION] = '/';
  if (serverType === 'group-two') {
    annotations[HEADERS_ANNOTATION] = JSON.stringify({
      'X-RStudio-Root-Path': `/notebook/${context.namespace}/${notebookName}/`,
    });
  }

  const { podVolumes, volumeMounts } = podVolumesAndMounts(volumes, shm);

  const container: ContainerSpec = {
    name: notebookName,
    image,
    ...(imagePullPolicy ? { imagePullPolicy } : {}),
    volumeMounts,
    env,
    resources: containerResources(cpu, memory, gpus),
  };
  const podSpec: Record<string, unknown> = {
    serviceAccountName: NOTEBOOK_SERVICE_ACCOUNT,
    containers: [container],
    volumes: podVolumes,
    tolerations,
  };
  if (affinity) podSpec.affinity = affinity;

  const notebook: NotebookObject = {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Notebook',
    metadata: { name: notebookName, namespace: context.namespace, labels, annotations },
    spec: { template: { spec: podSpec } },
  };
  const newPvcFields: Record<string, string> = {};
  for (const volume of volumes) {
    const pvcName = volume.newPvc?.metadata?.name;
    if (pvcName) newPvcFields[pvcName] = `/body/${volume.field}/newPvc/metadata/name`;
  }
  return {
    notebook,
    newPvcs: volumes.flatMap((volume) => (volume.newPvc ? [volume.newPvc] : [])),
    newPvcFields,
  };
}
