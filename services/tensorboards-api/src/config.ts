import { Type } from '@sinclair/typebox';
import { baseConfigProperties, loadConfig } from '@kf-ts/shared';

/** Settings of tensorboards-api: the shared ones plus this service's own. */
export const configProperties = {
  ...baseConfigProperties,
  TENSORBOARD_LOGSPATH_SCHEMES: Type.String({
    default: 'gs,s3',
    description:
      'Object-store URL schemes accepted in logspath besides pvc:// (comma-separated, e.g. "gs,s3,abfs,hdfs").',
  }),
};

export type Config = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, { APP_PREFIX: '/tensorboards', ...env });
}

export function logspathSchemes(config: Config): string[] {
  return config.TENSORBOARD_LOGSPATH_SCHEMES.split(',')
    .map((scheme) => scheme.trim().toLowerCase())
    .filter((scheme) => scheme && scheme !== 'pvc');
}
