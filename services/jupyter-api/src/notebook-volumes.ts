/**
 * The volumes of the create form (`workspace`, `datavols`): new PVCs to create and existing
 * sources to mount, checked and turned into pod volumes and mounts. Pure.
 */
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, type KubeObject, parseQuantity } from '@kf-ts/shared';
import { type NotebookForm, type Problems, formValue, isObject, quantityText } from './form-problems.ts';
import type { NotebookObject } from './notebook-status.ts';
import type { SpawnerFormDefaults } from './spawner-config.ts';

export const NOTEBOOK_NAME_PLACEHOLDER = '{notebook-name}';
const SHM_VOLUME_NAME = 'dshm';
const ACCESS_MODES = new Set(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);

export interface PvcObject extends KubeObject {
  spec?: {
    resources?: { requests?: Record<string, unknown> };
    accessModes?: unknown;
    [key: string]: unknown;
  };
}

/** What the volumes are checked against. */
export interface VolumeContext {
  namespace: string;
  defaults: SpawnerFormDefaults;
  /** `existingSource` volume types that may be used. */
  allowedVolumeSources: Set<string>;
}

export interface PlannedVolume {
  mount: string;
  /** The pod volume. */
  volume: { name: string; [key: string]: unknown };
  newPvc?: PvcObject;
  /** The form field of this volume, e.g. "workspace" or "datavols/0". */
  field: string;
}

const substituteName = (value: string, notebookName: string) =>
  value.split(NOTEBOOK_NAME_PLACEHOLDER).join(notebookName);

/** One `{mount, newPvc}` or `{mount, existingSource}` volume of the form. */
export function planVolume(
  input: unknown,
  field: string,
  index: number,
  context: { notebookName: string; namespace: string; allowedVolumeSources: Set<string> },
  problems: Problems,
): PlannedVolume | undefined {
  if (!isObject(input)) {
    problems.add(field, 'must be an object {mount, newPvc} or {mount, existingSource}');
    return undefined;
  }
  const mount = input.mount;
  if (typeof mount !== 'string' || !mount.startsWith('/')) {
    problems.add(`${field}/mount`, 'must be an absolute path');
    return undefined;
  }
  const hasNew = input.newPvc !== undefined && input.newPvc !== null;
  const hasExisting = input.existingSource !== undefined && input.existingSource !== null;
  if (hasNew === hasExisting) {
    problems.add(field, 'must have exactly one of newPvc and existingSource');
    return undefined;
  }
  if (hasNew) {
    const pvc = input.newPvc;
    if (!isObject(pvc) || !isObject(pvc.metadata) || !isObject(pvc.spec)) {
      problems.add(`${field}/newPvc`, 'must be a PersistentVolumeClaim with metadata and spec');
      return undefined;
    }
    if (pvc.metadata.namespace !== undefined && pvc.metadata.namespace !== context.namespace) {
      problems.add(`${field}/newPvc/metadata/namespace`, 'must be left out (the notebook namespace is used)');
    }
    const rawName = pvc.metadata.name;
    if (typeof rawName !== 'string' || rawName === '') {
      problems.add(`${field}/newPvc/metadata/name`, 'is required');
      return undefined;
    }
    const name = substituteName(rawName, context.notebookName);
    if (name.length > 253 || !new RegExp(DNS1123_SUBDOMAIN).test(name)) {
      problems.add(`${field}/newPvc/metadata/name`, `"${name}" is not a valid PVC name (DNS-1123 subdomain)`);
      return undefined;
    }
    const spec = pvc.spec;
    const storage =
      isObject(spec.resources) && isObject(spec.resources.requests)
        ? spec.resources.requests.storage
        : undefined;
    const size = parseQuantity(quantityText(storage));
    if (size === undefined || size <= 0) {
      problems.add(
        `${field}/newPvc/spec/resources/requests/storage`,
        'must be a positive quantity such as "5Gi"',
      );
    }
    if (
      !Array.isArray(spec.accessModes) ||
      spec.accessModes.length === 0 ||
      spec.accessModes.some((mode) => !ACCESS_MODES.has(mode as string))
    ) {
      problems.add(
        `${field}/newPvc/spec/accessModes`,
        `must list access modes from ${[...ACCESS_MODES].join(', ')}`,
      );
    }
    if (
      spec.storageClassName !== undefined &&
      spec.storageClassName !== null &&
      typeof spec.storageClassName !== 'string'
    ) {
      problems.add(`${field}/newPvc/spec/storageClassName`, 'must be a string');
    }
    const metadata: Record<string, unknown> = { name, namespace: context.namespace };
    if (isObject(pvc.metadata.labels)) metadata.labels = pvc.metadata.labels;
    if (isObject(pvc.metadata.annotations)) metadata.annotations = pvc.metadata.annotations;
    const newPvc: PvcObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata,
      spec: { ...spec },
    };
    const volumeName = name.length <= 63 && new RegExp(DNS1123_LABEL).test(name) ? name : `volume-${index}`;
    return { mount, volume: { name: volumeName, persistentVolumeClaim: { claimName: name } }, newPvc, field };
  }
  const source = input.existingSource;
  if (!isObject(source) || Object.keys(source).length !== 1) {
    problems.add(
      `${field}/existingSource`,
      'must name exactly one volume source, e.g. {persistentVolumeClaim: {claimName}}',
    );
    return undefined;
  }
  const [type, definition] = Object.entries(source)[0]!;
  if (!context.allowedVolumeSources.has(type)) {
    problems.add(
      `${field}/existingSource/${type}`,
      `volume source "${type}" is not allowed; allowed: ${[...context.allowedVolumeSources].join(', ')}`,
    );
    return undefined;
  }
  if (!isObject(definition)) {
    problems.add(`${field}/existingSource/${type}`, 'must be an object');
    return undefined;
  }
  if (type === 'persistentVolumeClaim') {
    const claimName = definition.claimName;
    if (typeof claimName !== 'string' || !new RegExp(DNS1123_SUBDOMAIN).test(claimName)) {
      problems.add(`${field}/existingSource/persistentVolumeClaim/claimName`, 'must be the name of a PVC');
      return undefined;
    }
    const volumeName =
      claimName.length <= 63 && new RegExp(DNS1123_LABEL).test(claimName)
        ? claimName
        : `existing-source-volume-${index}`;
    return { mount, volume: { name: volumeName, persistentVolumeClaim: { ...definition } }, field };
  }
  return { mount, volume: { name: `existing-source-volume-${index}`, [type]: { ...definition } }, field };
}

/** The workspace volume and data volumes, with names substituted and mounts checked for clashes. */
export function resolveVolumes(
  form: NotebookForm,
  notebookName: string,
  context: VolumeContext,
  shm: boolean,
  problems: Problems,
): PlannedVolume[] {
  const volumeContext = {
    notebookName,
    namespace: context.namespace,
    allowedVolumeSources: context.allowedVolumeSources,
  };
  const planned: PlannedVolume[] = [];
  const workspace = formValue(form, context.defaults.workspaceVolume, 'workspace', problems);
  if (workspace !== undefined && workspace !== null) {
    const volume = planVolume(workspace, 'workspace', 0, volumeContext, problems);
    if (volume) planned.push(volume);
  }
  const datavols = formValue(form, context.defaults.dataVolumes, 'datavols', problems) ?? [];
  if (!Array.isArray(datavols)) {
    problems.add('datavols', 'must be a list of volumes');
  } else {
    datavols.forEach((input, index) => {
      const volume = planVolume(input, `datavols/${index}`, index + 1, volumeContext, problems);
      if (volume) planned.push(volume);
    });
  }
  const mounts = new Set<string>(shm ? ['/dev/shm'] : []);
  const pvcNames = new Set<string>();
  for (const volume of planned) {
    const mount = volume.mount.replace(/\/+$/, '') || '/';
    if (mounts.has(mount)) problems.add('datavols', `two volumes are mounted at ${mount}`);
    mounts.add(mount);
    const newName = volume.newPvc?.metadata?.name;
    if (newName) {
      if (pvcNames.has(newName)) problems.add('datavols', `two new volumes are named ${newName}`);
      pvcNames.add(newName);
    }
  }
  return planned;
}

/**
 * The pod volumes and the container's mounts. Volume names must be unique in a pod: the same
 * volume mounted twice keeps one entry, and a different volume whose name is taken (a PVC named
 * "dshm", or like a generated name) gets a fresh one instead of silently replacing the other.
 */
export function podVolumesAndMounts(volumes: PlannedVolume[], shm: boolean) {
  const podVolumes: PlannedVolume['volume'][] = [];
  const volumeMounts: { name: string; mountPath: string }[] = [];
  const taken = new Set<string>(shm ? [SHM_VOLUME_NAME] : []);
  const sourceOf = ({ name: _name, ...source }: PlannedVolume['volume']) => JSON.stringify(source);
  for (const planned of volumes) {
    const same = podVolumes.find((volume) => sourceOf(volume) === sourceOf(planned.volume));
    if (same) {
      volumeMounts.push({ name: same.name, mountPath: planned.mount });
      continue;
    }
    let name = planned.volume.name;
    for (let n = 1; taken.has(name); n++) name = `volume-${n}`;
    taken.add(name);
    podVolumes.push({ ...planned.volume, name });
    volumeMounts.push({ name, mountPath: planned.mount });
  }
  if (shm) {
    podVolumes.push({ name: SHM_VOLUME_NAME, emptyDir: { medium: 'Memory' } });
    volumeMounts.push({ name: SHM_VOLUME_NAME, mountPath: '/dev/shm' });
  }
  return { podVolumes, volumeMounts };
}

/** Names of the PVCs a pod spec (of a Notebook or a Pod) mounts. */
export function claimNames(podSpec: { volumes?: unknown } | undefined): string[] {
  const volumes = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  return volumes
    .map((volume) =>
      isObject(volume) && isObject(volume.persistentVolumeClaim)
        ? volume.persistentVolumeClaim.claimName
        : undefined,
    )
    .filter((name): name is string => typeof name === 'string');
}

/** The PVC mounted at the workspace path by the notebook's main container, if any. */
export function workspaceClaim(notebook: NotebookObject, workspaceMount: string): string | undefined {
  const podSpec = notebook.spec?.template?.spec;
  const container = Array.isArray(podSpec?.containers) ? podSpec.containers[0] : undefined;
  const mounts = Array.isArray(container?.volumeMounts) ? container.volumeMounts : [];
  const normalize = (path: string) => path.replace(/\/+$/, '') || '/';
  const mount = mounts.find(
    (m) => typeof m?.mountPath === 'string' && normalize(m.mountPath) === normalize(workspaceMount),
  );
  if (!mount) return undefined;
  const volumes = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  const volume = volumes.find((v) => v?.name === mount.name);
  const claim = volume?.persistentVolumeClaim?.claimName;
  return typeof claim === 'string' ? claim : undefined;
}
