import { baseConfigProperties, loadConfig } from '@kf-ts/shared';

/** Settings of volumes-api: the shared ones plus this service's own. */
export const configProperties = {
  ...baseConfigProperties,
};

export type Config = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, { APP_PREFIX: '/volumes', ...env });
}
