/**
 * Who uses a PVC: pods that mount it, Notebooks (running or stopped) whose pod template mounts
 * it, and PVC viewers. Pure functions over cluster objects that may be missing any field.
 */
import type { KubeObject } from '@kf-ts/shared';
import type { ViewerObject } from './pvc-status.ts';

export interface PodObject extends KubeObject {
  spec?: { volumes?: unknown; [key: string]: unknown };
  status?: { phase?: unknown; [key: string]: unknown };
}

export interface NotebookObject extends KubeObject {
  spec?: { template?: { spec?: { volumes?: unknown } } };
}

/** What the PVC viewer controller puts on a viewer's pods (pvc-viewer, Kubeflow 1.8+). */
export const VIEWER_PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const VIEWER_PART_OF_VALUE = 'pvc-viewer';
export const VIEWER_NAME_LABEL = 'app.kubernetes.io/name';
export const VIEWER_INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** The controller names the viewer's Deployment (and so its ReplicaSets) `pvcviewer-<viewer>`. */
export const VIEWER_RESOURCE_PREFIX = 'pvcviewer-';
export const STOP_ANNOTATION = 'kubeflow-resource-stopped';

/** PVC names in a list of pod volumes (a malformed list yields nothing). */
export function claimNamesOf(volumes: unknown): string[] {
  if (!Array.isArray(volumes)) return [];
  const names: string[] = [];
  for (const volume of volumes) {
    const claim = (volume as { persistentVolumeClaim?: { claimName?: unknown } } | null)
      ?.persistentVolumeClaim?.claimName;
    if (typeof claim === 'string' && claim !== '' && !names.includes(claim)) names.push(claim);
  }
  return names;
}

export const podClaims = (pod: PodObject) => claimNamesOf(pod.spec?.volumes);
export const notebookClaims = (notebook: NotebookObject) =>
  claimNamesOf(notebook.spec?.template?.spec?.volumes);

/** A pod that has finished can no longer write to the volume. */
export function podIsFinished(pod: PodObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function isStoppedNotebook(notebook: NotebookObject): boolean {
  return Boolean(notebook.metadata?.annotations?.[STOP_ANNOTATION]);
}

/** The viewers of a PVC: the PVCViewer named after it (as the web app creates them) or whose spec.pvc names it. */
export function viewersOf(pvcName: string, viewers: ViewerObject[]): ViewerObject[] {
  return viewers.filter(
    (viewer) =>
      viewer.spec?.pvc === pvcName || (viewer.metadata?.name === pvcName && viewer.spec?.pvc === undefined),
  );
}

/**
 * The PVCViewer that owns this pod, recognised by what the viewer controller really sets: a
 * direct owner reference to the PVCViewer, or the ReplicaSet of the viewer's Deployment
 * (`pvcviewer-<viewer>-<pod-template-hash>`) together with all three of the controller's labels.
 * A generic `app.kubernetes.io/name` label alone never makes a pod a viewer.
 */
export function owningViewer(pod: PodObject, viewers: ViewerObject[]): ViewerObject | undefined {
  const owners = Array.isArray(pod.metadata?.ownerReferences) ? pod.metadata.ownerReferences : [];
  const labels = pod.metadata?.labels ?? {};
  for (const viewer of viewers) {
    const name = viewer.metadata?.name;
    if (!name) continue;
    const uid = viewer.metadata?.uid;
    const direct = owners.some(
      (owner) =>
        owner?.kind === 'PVCViewer' &&
        owner.name === name &&
        (!uid || !owner.uid || owner.uid === uid) &&
        (owner.apiVersion ?? '').startsWith('kubeflow.org/'),
    );
    if (direct) return viewer;
    const hash = labels['pod-template-hash'];
    const viaDeployment =
      labels[VIEWER_PART_OF_LABEL] === VIEWER_PART_OF_VALUE &&
      labels[VIEWER_NAME_LABEL] === name &&
      labels[VIEWER_INSTANCE_LABEL] === `${VIEWER_RESOURCE_PREFIX}${name}` &&
      owners.some(
        (owner) =>
          owner?.kind === 'ReplicaSet' &&
          owner.controller === true &&
          (hash
            ? owner.name === `${VIEWER_RESOURCE_PREFIX}${name}-${hash}`
            : (owner.name ?? '').startsWith(`${VIEWER_RESOURCE_PREFIX}${name}-`)),
      );
    if (viaDeployment) return viewer;
  }
  return undefined;
}

export interface VolumeUsers {
  /** Pods that mount the PVC and are not the PVC's own viewer (finished pods left out). */
  pods: string[];
  /** Notebooks whose pod template mounts the PVC, running or stopped. */
  notebooks: { name: string; stopped: boolean }[];
  /** The PVC's own viewers (deleted with it). */
  viewers: string[];
}

/** Everyone that uses a PVC, for the delete guard. */
export function usersOf(
  pvcName: string,
  pods: PodObject[],
  notebooks: NotebookObject[],
  viewers: ViewerObject[],
): VolumeUsers {
  const own = viewersOf(pvcName, viewers);
  const podUsers = pods
    .filter((pod) => !podIsFinished(pod) && podClaims(pod).includes(pvcName))
    .filter((pod) => !owningViewer(pod, own))
    .map((pod) => pod.metadata?.name ?? '')
    .filter(Boolean)
    .sort();
  const notebookUsers = notebooks
    .filter((notebook) => notebookClaims(notebook).includes(pvcName))
    .map((notebook) => ({ name: notebook.metadata?.name ?? '', stopped: isStoppedNotebook(notebook) }))
    .filter((user) => user.name)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    pods: podUsers,
    notebooks: notebookUsers,
    viewers: own.map((viewer) => viewer.metadata?.name ?? '').filter(Boolean),
  };
}

/** Python's repr of a list of strings, as upstream's 409 message shows pod names. */
export const pythonList = (names: string[]) => `[${names.map((name) => `'${name}'`).join(', ')}]`;

/** The 409 message: upstream's wording for pods, extended with notebooks. */
export function inUseMessage(pvcName: string, users: VolumeUsers): string | undefined {
  const parts: string[] = [];
  if (users.pods.length > 0) parts.push(`pods: ${pythonList(users.pods)}`);
  if (users.notebooks.length > 0) {
    parts.push(
      `notebooks: ${pythonList(users.notebooks.map((notebook) => notebook.name))}` +
        (users.notebooks.some((notebook) => notebook.stopped) ? ' (stopped ones too)' : ''),
    );
  }
  if (parts.length === 0) return undefined;
  return `Cannot delete PVC '${pvcName}' because it is being used by ${parts.join(' and ')}`;
}
