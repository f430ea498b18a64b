/**
 * The spawner form config (spawner_ui_config.yaml): its shape, validation at load, and a store
 * that reloads it when the mounted ConfigMap changes. Requests read the store's current value,
 * never the file.
 */
import { EventEmitter } from 'node:events';
import { type FSWatcher, existsSync, readFileSync, unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parseQuantity } from '@kf-ts/shared';
import { parse as parseYaml } from 'yaml';

const Quantity = Type.Union([Type.String(), Type.Number()]);
/** A form field of the config: its default `value`, `readOnly`, and field-specific keys. */
function field<E extends TProperties, V extends TSchema>(extra: E, value: V) {
  return Type.Object(
    { readOnly: Type.Optional(Type.Boolean()), value, ...extra },
    { additionalProperties: true },
  );
}

const ImageField = field({ options: Type.Optional(Type.Array(Type.String())) }, Type.String());
const ResourceField = field(
  { limitFactor: Type.Optional(Type.Union([Type.String(), Type.Number()])) },
  Quantity,
);
const GpuVendor = Type.Object(
  { limitsKey: Type.String({ minLength: 1 }), uiName: Type.String() },
  { additionalProperties: true },
);
const VolumeValue = Type.Object({ mount: Type.String() }, { additionalProperties: true });

/** The part of spawner_ui_config.yaml the service uses; other keys are kept and served as they are. */
export const SpawnerFormDefaultsSchema = Type.Object(
  {
    allowCustomImage: Type.Optional(Type.Boolean()),
    hideRegistry: Type.Optional(Type.Boolean()),
    hideTag: Type.Optional(Type.Boolean()),
    imagePullPolicy: Type.Optional(
      field({}, Type.Union([Type.Literal('Always'), Type.Literal('IfNotPresent'), Type.Literal('Never')])),
    ),
    image: Type.Optional(ImageField),
    imageGroupOne: Type.Optional(ImageField),
    imageGroupTwo: Type.Optional(ImageField),
    cpu: Type.Optional(ResourceField),
    memory: Type.Optional(ResourceField),
    gpus: Type.Optional(
      field(
        {},
        Type.Object(
          {
            vendor: Type.Optional(Type.String()),
            vendors: Type.Optional(Type.Array(GpuVendor)),
            num: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
          },
          { additionalProperties: true },
        ),
      ),
    ),
    workspaceVolume: Type.Optional(field({}, Type.Union([VolumeValue, Type.Null()]))),
    dataVolumes: Type.Optional(field({}, Type.Array(VolumeValue))),
    affinityConfig: Type.Optional(
      field(
        {
          options: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  configKey: Type.String({ minLength: 1 }),
                  displayName: Type.Optional(Type.String()),
                  affinity: Type.Optional(Type.Object({}, { additionalProperties: true })),
                },
                { additionalProperties: true },
              ),
            ),
          ),
        },
        Type.String(),
      ),
    ),
    tolerationGroup: Type.Optional(
      field(
        {
          options: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  groupKey: Type.String({ minLength: 1 }),
                  displayName: Type.Optional(Type.String()),
                  tolerations: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
                },
                { additionalProperties: true },
              ),
            ),
          ),
        },
        Type.String(),
      ),
    ),
    shm: Type.Optional(field({}, Type.Boolean())),
    configurations: Type.Optional(field({}, Type.Array(Type.String()))),
    environment: Type.Optional(
      field({}, Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()])),
    ),
  },
  {
    $id: 'SpawnerFormDefaults',
    additionalProperties: true,
    description:
      'The spawnerFormDefaults of spawner_ui_config.yaml. Each form field has `value` (the default) and may have `readOnly: true` (the default is then the only accepted value); keys not listed here are kept and served as they are.',
  },
);

export type SpawnerFormDefaults = Static<typeof SpawnerFormDefaultsSchema>;

export class SpawnerConfigError extends Error {
  override name = 'SpawnerConfigError';
}

/** Checks a parsed YAML document; returns its `spawnerFormDefaults` or throws naming every problem. */
export function validateSpawnerConfig(document: unknown, source: string): SpawnerFormDefaults {
  const root = document as { spawnerFormDefaults?: unknown } | null;
  if (
    !root ||
    typeof root !== 'object' ||
    !root.spawnerFormDefaults ||
    typeof root.spawnerFormDefaults !== 'object'
  ) {
    throw new SpawnerConfigError(
      `Invalid spawner config ${source}: it must have a "spawnerFormDefaults" mapping.`,
    );
  }
  const defaults = root.spawnerFormDefaults;
  const problems = [...Value.Errors(SpawnerFormDefaultsSchema, defaults)].map(
    (error) => `spawnerFormDefaults${error.path.replaceAll('/', '.')}: ${error.message}`,
  );
  if (problems.length === 0) {
    const typed = defaults as SpawnerFormDefaults;
    for (const key of ['cpu', 'memory'] as const) {
      const resource = typed[key];
      if (!resource) continue;
      const amount = parseQuantity(resource.value);
      if (amount === undefined || amount <= 0) {
        problems.push(`spawnerFormDefaults.${key}.value: "${resource.value}" is not a positive quantity`);
      }
      const factor = resource.limitFactor;
      if (factor !== undefined && factor !== 'none' && !(Number(factor) >= 1)) {
        problems.push(`spawnerFormDefaults.${key}.limitFactor: "${factor}" must be a number >= 1 or "none"`);
      }
    }
  }
  if (problems.length > 0) {
    throw new SpawnerConfigError(`Invalid spawner config ${source}:\n  ${problems.join('\n  ')}`);
  }
  return defaults as SpawnerFormDefaults;
}

export function parseSpawnerConfig(text: string, source: string): SpawnerFormDefaults {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (err) {
    throw new SpawnerConfigError(
      `Invalid spawner config ${source}: not valid YAML: ${(err as Error).message}`,
    );
  }
  return validateSpawnerConfig(document, source);
}

/** The bundled default, found from this module whether it runs from src/ or dist/src/. */
export function bundledConfigPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'config', 'spawner_ui_config.yaml');
}

export interface LoadedSpawnerConfig {
  defaults: SpawnerFormDefaults;
  /** The file it came from. */
  source: string;
  /** Increases with every reload that changed the content. */
  version: number;
}

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * Holds the current spawner config. Loads `path` (or the bundled default when it does not exist)
 * once at construction, throwing when it is invalid, then watches the file and its directory
 * (ConfigMap updates swap a symlink in the directory) and reloads on change. A config that turns
 * invalid later is logged and the last good one kept.
 */
export class SpawnerConfigStore extends EventEmitter {
  private loaded: LoadedSpawnerConfig;
  private lastText: string;
  private dirWatcher: FSWatcher | undefined;
  private watchingFile = false;
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly logger?: Logger,
  ) {
    super();
    const { text, source } = this.read();
    this.loaded = { defaults: parseSpawnerConfig(text, source), source, version: 1 };
    this.lastText = `${source}\n${text}`;
  }

  get current(): LoadedSpawnerConfig {
    return this.loaded;
  }

  private read(): { text: string; source: string } {
    if (existsSync(this.path)) return { text: readFileSync(this.path, 'utf8'), source: this.path };
    const bundled = bundledConfigPath();
    return { text: readFileSync(bundled, 'utf8'), source: bundled };
  }

  /** Re-reads the file; returns true when the config changed. */
  reload(): boolean {
    let text: string;
    let source: string;
    try {
      ({ text, source } = this.read());
    } catch (err) {
      this.logger?.warn(
        { err: String(err), path: this.path },
        'spawner config could not be read; keeping the last one',
      );
      return false;
    }
    if (`${source}\n${text}` === this.lastText) return false;
    try {
      const defaults = parseSpawnerConfig(text, source);
      this.lastText = `${source}\n${text}`;
      this.loaded = { defaults, source, version: this.loaded.version + 1 };
      this.logger?.info({ source, version: this.loaded.version }, 'spawner config reloaded');
      this.emit('change', this.loaded);
      return true;
    } catch (err) {
      this.logger?.error(
        { err: (err as Error).message, source },
        'spawner config is invalid; keeping the last good one',
      );
      return false;
    }
  }

  private schedule = () => {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.reload(), 50);
    this.debounce.unref();
  };

  start(pollIntervalMs = 2000) {
    if (this.watchingFile) return;
    this.watchingFile = true;
    // Polling catches changes that directory events miss (other file systems, recreated dirs).
    watchFile(this.path, { interval: pollIntervalMs, persistent: false }, this.schedule);
    try {
      const file = basename(this.path);
      this.dirWatcher = watch(dirname(this.path), { persistent: false }, (_event, name) => {
        // ConfigMap volumes swap the `..data` symlink; the file itself is a link into it.
        if (!name || name === file || name.startsWith('..')) this.schedule();
      });
      this.dirWatcher.on('error', () => this.dirWatcher?.close());
    } catch {
      // The directory does not exist (bundled default in use): polling still notices the file.
    }
  }

  close() {
    if (this.debounce) clearTimeout(this.debounce);
    this.dirWatcher?.close();
    if (this.watchingFile) unwatchFile(this.path, this.schedule);
    this.watchingFile = false;
  }
}
