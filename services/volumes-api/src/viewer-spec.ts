/**
 * The PVCViewer spec template: a YAML file (the mounted viewer-spec.yaml, or the bundled
 * default) in which only a documented set of variables is substituted. Upstream expands every
 * environment variable of the process into the template; here nothing outside the list below
 * can leak into a cluster object.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The variables a template may use, as `$NAME` or `${NAME}`; `$$` is a literal `$`. */
export const VIEWER_TEMPLATE_VARIABLES = [
  'PVC_NAME',
  'NAME',
  'NAMESPACE',
  'VIEWER_IMAGE',
  'VOLUME_VIEWER_IMAGE',
  'BASE_PREFIX',
  'BASE_URL',
] as const;
export type ViewerTemplateVariable = (typeof VIEWER_TEMPLATE_VARIABLES)[number];

export class ViewerSpecError extends Error {
  override name = 'ViewerSpecError';
}

const VARIABLE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const known = new Set<string>(VIEWER_TEMPLATE_VARIABLES);

/** Replaces the documented variables in one string; other `$WORDS` stay as they are. */
export function substituteVariables(text: string, values: Record<ViewerTemplateVariable, string>): string {
  return text.replace(VARIABLE, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    return known.has(name) ? values[name as ViewerTemplateVariable] : match;
  });
}

/** Names used in a template that are not documented variables (reported when it loads). */
export function unknownVariables(template: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(VARIABLE)) {
        const name = match[1] ?? match[2];
        if (name && !known.has(name)) found.add(name);
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(template);
  return [...found].sort();
}

function substituteDeep(value: unknown, values: Record<ViewerTemplateVariable, string>): unknown {
  if (typeof value === 'string') return substituteVariables(value, values);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteDeep(item, values)]),
    );
  }
  return value;
}

export function parseViewerTemplate(text: string, source: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (err) {
    throw new ViewerSpecError(`Invalid viewer spec ${source}: not valid YAML: ${(err as Error).message}`);
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw new ViewerSpecError(`Invalid viewer spec ${source}: it must be a mapping (the PVCViewer spec).`);
  }
  const podSpec = (document as Record<string, unknown>).podSpec;
  if (podSpec !== undefined && (!podSpec || typeof podSpec !== 'object' || Array.isArray(podSpec))) {
    throw new ViewerSpecError(`Invalid viewer spec ${source}: podSpec must be a mapping.`);
  }
  return document as Record<string, unknown>;
}

export interface ViewerValues {
  pvcName: string;
  namespace: string;
  image: string;
  basePrefix: string;
}

/** The PVCViewer object for a PVC: the template with the variables filled in. */
export function buildViewer(template: Record<string, unknown>, values: ViewerValues) {
  const prefix = values.basePrefix.replace(/\/+$/, '');
  const variables: Record<ViewerTemplateVariable, string> = {
    PVC_NAME: values.pvcName,
    NAME: values.pvcName,
    NAMESPACE: values.namespace,
    VIEWER_IMAGE: values.image,
    VOLUME_VIEWER_IMAGE: values.image,
    BASE_PREFIX: prefix,
    BASE_URL: `${prefix}/${values.namespace}/${values.pvcName}/`,
  };
  const spec = substituteDeep(template, variables) as Record<string, unknown>;
  // The viewer controller needs to know its PVC; a template without `pvc` still gets it.
  if (typeof spec.pvc !== 'string' || spec.pvc === '') spec.pvc = values.pvcName;
  return {
    apiVersion: 'kubeflow.org/v1alpha1',
    kind: 'PVCViewer',
    metadata: { name: values.pvcName, namespace: values.namespace },
    spec,
  };
}

/** The bundled default, found from this module whether it runs from src/ or dist/src/. */
export function bundledViewerSpecPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'config', 'viewer-spec.yaml');
}

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

/**
 * Holds the template. Loaded at start (an invalid mounted file stops the service there), then
 * re-read when the file's modification time changes (ConfigMap updates), keeping the last good
 * template when a new one is invalid.
 */
export class ViewerSpecStore {
  private template: Record<string, unknown>;
  private source: string;
  private stamp: string;

  constructor(
    readonly path: string,
    private readonly logger?: Logger,
  ) {
    const { text, source, stamp } = this.read();
    this.template = parseViewerTemplate(text, source);
    this.source = source;
    this.stamp = stamp;
    this.warnUnknown();
  }

  private read(): { text: string; source: string; stamp: string } {
    const source = existsSync(this.path) ? this.path : bundledViewerSpecPath();
    const stat = statSync(source);
    return { text: readFileSync(source, 'utf8'), source, stamp: `${source}:${stat.mtimeMs}:${stat.size}` };
  }

  private warnUnknown() {
    const unknown = unknownVariables(this.template);
    if (unknown.length > 0) {
      this.logger?.warn(
        { source: this.source, variables: unknown },
        `viewer spec uses variables that are not substituted (only ${VIEWER_TEMPLATE_VARIABLES.join(', ')} are): ${unknown.join(', ')}`,
      );
    }
  }

  /** The current template (re-read when the file changed). */
  current(): { template: Record<string, unknown>; source: string } {
    try {
      const source = existsSync(this.path) ? this.path : bundledViewerSpecPath();
      const stat = statSync(source);
      const stamp = `${source}:${stat.mtimeMs}:${stat.size}`;
      if (stamp !== this.stamp) {
        const next = this.read();
        this.template = parseViewerTemplate(next.text, next.source);
        this.source = next.source;
        this.stamp = next.stamp;
        this.logger?.info({ source: this.source }, 'viewer spec reloaded');
        this.warnUnknown();
      }
    } catch (err) {
      this.logger?.warn(
        { err: String(err), path: this.path },
        'viewer spec could not be reloaded; keeping the last one',
      );
    }
    return { template: this.template, source: this.source };
  }
}
