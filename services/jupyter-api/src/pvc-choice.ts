/**
 * What the spawner form needs to offer an existing PVC. Pure, and tolerant of PVCs missing any
 * field (other clusters or API versions may hold them): the odd PVC shows what is known.
 */
import type { KubeObject } from '@kf-ts/shared';

export interface PvcObject extends KubeObject {
  spec?: { resources?: { requests?: { storage?: unknown } }; accessModes?: unknown };
}

export interface PvcChoice {
  name: string;
  /** spec.resources.requests.storage, or "". */
  size: string;
  /** The first access mode, or "". */
  mode: string;
}

export function pvcChoice(pvc: PvcObject): PvcChoice {
  const storage = pvc.spec?.resources?.requests?.storage;
  const modes = pvc.spec?.accessModes;
  return {
    name: pvc.metadata?.name ?? '',
    size: typeof storage === 'string' ? storage : typeof storage === 'number' ? String(storage) : '',
    mode: Array.isArray(modes) && typeof modes[0] === 'string' ? modes[0] : '',
  };
}

/** The choices of a namespace, by name. */
export function pvcChoices(pvcs: PvcObject[]): PvcChoice[] {
  return pvcs.map(pvcChoice).sort((a, b) => a.name.localeCompare(b.name));
}
