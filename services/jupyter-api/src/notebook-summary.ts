/**
 * The list view of a Notebook (upstream's summary fields) and the optional filtering, sorting and
 * paging of lists. Pure, and tolerant of objects missing any field.
 */
import { badRequest, parseQuantity } from '@kf-ts/shared';
import type { ContainerSpec, NotebookObject, NotebookStatus, StatusPhase } from './notebook-status.ts';
import { SERVER_TYPE_ANNOTATION } from './notebook-form.ts';

export const LAST_ACTIVITY_ANNOTATION = 'notebooks.kubeflow.org/last-activity';

export interface NotebookSummary {
  name: string;
  namespace: string;
  age: string;
  image: string;
  shortImage: string;
  cpu: string | null;
  memory: string | null;
  gpus: { count: number; message: string };
  volumes: string[];
  serverType: string | null;
  last_activity: string;
  metadata: Record<string, unknown>;
  status: NotebookStatus;
}

const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** The notebook's main container (the first), or an empty one. */
export function mainContainer(notebook: NotebookObject): ContainerSpec {
  const containers = notebook.spec?.template?.spec?.containers;
  const first = Array.isArray(containers) ? containers[0] : undefined;
  return first && typeof first === 'object' ? first : {};
}

/** "2 NVIDIA, 1 AMD" for the configured vendors present in the container's limits. */
export function gpuSummary(
  container: ContainerSpec,
  vendors: { limitsKey: string; uiName: string }[],
): { count: number; message: string } {
  const limits = container.resources?.limits;
  let count = 0;
  const parts: string[] = [];
  if (limits && typeof limits === 'object') {
    for (const vendor of vendors) {
      const amount = parseQuantity(asText(limits[vendor.limitsKey]));
      if (amount === undefined) continue;
      count += amount;
      parts.push(`${amount} ${vendor.uiName}`);
    }
  }
  return { count, message: parts.join(', ') };
}

export interface SummaryInputs {
  vendors: { limitsKey: string; uiName: string }[];
  status: NotebookStatus;
  /** The notebook pod's main container, used when the Notebook itself has no requests (as upstream). */
  podContainer?: ContainerSpec;
}

export function summarizeNotebook(notebook: NotebookObject, inputs: SummaryInputs): NotebookSummary {
  const metadata = notebook.metadata ?? {};
  const container = mainContainer(notebook);
  const requests = container.resources?.requests;
  const podRequests = inputs.podContainer?.resources?.requests;
  const image = typeof container.image === 'string' ? container.image : '';
  const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  const annotations =
    metadata.annotations && typeof metadata.annotations === 'object' ? metadata.annotations : {};
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    age: metadata.creationTimestamp ?? '',
    image,
    shortImage: image.split('/').pop() ?? '',
    cpu: asText(requests?.cpu) ?? asText(podRequests?.cpu),
    memory: asText(requests?.memory) ?? asText(podRequests?.memory),
    gpus: gpuSummary(container, inputs.vendors),
    volumes: mounts.map((mount) => mount?.name).filter((name): name is string => typeof name === 'string'),
    serverType: asText(annotations[SERVER_TYPE_ANNOTATION]),
    last_activity: asText(annotations[LAST_ACTIVITY_ANNOTATION]) ?? '',
    metadata: metadata as Record<string, unknown>,
    status: inputs.status,
  };
}

export const PHASES: StatusPhase[] = [
  'ready',
  'waiting',
  'warning',
  'error',
  'uninitialized',
  'unavailable',
  'terminating',
  'stopped',
];
export const SORT_KEYS = ['name', 'namespace', 'age', 'phase', 'image', 'lastActivity'] as const;

export interface ListQuery {
  /** Comma-separated phases to keep. */
  phase?: string;
  /** Case-insensitive text searched in name, namespace, image and server type. */
  q?: string;
  /** A key of SORT_KEYS, "-" in front for descending. */
  sort?: string;
  limit?: number;
  offset?: number;
}

const sortValue = (item: NotebookSummary, key: (typeof SORT_KEYS)[number]): string => {
  switch (key) {
    case 'name':
      return item.name;
    case 'namespace':
      return item.namespace;
    case 'age':
      return item.age;
    case 'phase':
      return item.status.phase;
    case 'image':
      return item.image;
    case 'lastActivity':
      return item.last_activity;
  }
};

/** Default order: namespace, then name (the API server's order). */
export function byNamespaceAndName(a: NotebookSummary, b: NotebookSummary): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/**
 * The filter of a list query (phase, q), or undefined when it has none; an unknown phase is a
 * 400. Lists and `?watch=true` streams share it.
 */
export function listFilter(query: ListQuery): ((item: NotebookSummary) => boolean) | undefined {
  const checks: ((item: NotebookSummary) => boolean)[] = [];
  if (query.phase) {
    const phases = query.phase
      .split(',')
      .map((phase) => phase.trim())
      .filter(Boolean);
    const unknown = phases.filter((phase) => !PHASES.includes(phase as StatusPhase));
    if (unknown.length > 0) {
      throw badRequest(`Unknown phase ${unknown.join(', ')}; phases are ${PHASES.join(', ')}.`, [
        { field: '/query/phase', message: `must list phases from ${PHASES.join(', ')}` },
      ]);
    }
    checks.push((item) => phases.includes(item.status.phase));
  }
  if (query.q) {
    const text = query.q.toLowerCase();
    checks.push((item) =>
      [item.name, item.namespace, item.image, item.serverType ?? ''].some((value) =>
        value.toLowerCase().includes(text),
      ),
    );
  }
  if (checks.length === 0) return undefined;
  return (item) => checks.every((check) => check(item));
}

/** Filters, sorts and pages a list; without parameters the whole list comes back unchanged. */
export function applyListQuery(
  items: NotebookSummary[],
  query: ListQuery,
): { items: NotebookSummary[]; total: number } {
  const keep = listFilter(query);
  let result = keep ? items.filter(keep) : items;
  if (query.sort) {
    const descending = query.sort.startsWith('-');
    const key = query.sort.replace(/^-/, '') as (typeof SORT_KEYS)[number];
    result = [...result].sort((a, b) => {
      const order = sortValue(a, key).localeCompare(sortValue(b, key)) || byNamespaceAndName(a, b);
      return descending ? -order : order;
    });
  }
  const total = result.length;
  if (query.offset !== undefined || query.limit !== undefined) {
    const offset = query.offset ?? 0;
    result = result.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  }
  return { items: result, total };
}
