import { Type } from '@sinclair/typebox';
import { EnvInteger, baseConfigProperties, loadConfig } from '@kf-ts/shared';

/** Settings of jupyter-api: the shared ones plus this service's own. */
export const configProperties = {
  ...baseConfigProperties,
  SPAWNER_CONFIG_PATH: Type.String({
    default: '/etc/config/spawner_ui_config.yaml',
    minLength: 1,
    description:
      'The spawner form config (the mounted ConfigMap). When the file does not exist the bundled default (equal to upstream) is used. The file is watched and reloaded when it changes.',
  }),
  ALLOWED_VOLUME_SOURCES: Type.String({
    default: 'persistentVolumeClaim,configMap,secret,emptyDir,nfs',
    description:
      'Comma-separated volume source types a create form may use in `existingSource` (hostPath is left out on purpose).',
  }),
  GPU_MAX_PER_NOTEBOOK: EnvInteger(8, 'Largest number of GPUs one notebook may ask for.', 1),
};

export type Config = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, { APP_PREFIX: '/jupyter', ...env });
}

/** The allow-list of `existingSource` volume types, parsed from the setting. */
export function allowedVolumeSources(config: Config): Set<string> {
  return new Set(
    config.ALLOWED_VOLUME_SOURCES.split(',')
      .map((source) => source.trim())
      .filter(Boolean),
  );
}
