import { Type } from '@sinclair/typebox';
import { baseConfigProperties, loadConfig } from '@kf-ts/shared';

/** Settings of volumes-api: the shared ones plus this service's own. */
export const configProperties = {
  ...baseConfigProperties,
  VIEWER_SPEC_PATH: Type.String({
    default: '/etc/config/viewer-spec.yaml',
    minLength: 1,
    description:
      'The PVCViewer spec template (the mounted ConfigMap). When the file does not exist the bundled default (a filebrowser viewer, like upstream) is used. Only $PVC_NAME, $NAME, $NAMESPACE, $VIEWER_IMAGE / $VOLUME_VIEWER_IMAGE, $BASE_PREFIX and $BASE_URL are substituted.',
  }),
  VOLUME_VIEWER_IMAGE: Type.String({
    default: 'filebrowser/filebrowser:v2.25.0',
    minLength: 1,
    description:
      'Image of the PVC viewer, substituted for $VIEWER_IMAGE / $VOLUME_VIEWER_IMAGE in the template.',
  }),
  VIEWER_BASE_PREFIX: Type.String({
    default: '/pvcviewers',
    pattern: '^/',
    description:
      'Path prefix viewers are served under ($BASE_PREFIX in the template); $BASE_URL is <prefix>/<namespace>/<pvc>/.',
  }),
};

export type Config = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, { APP_PREFIX: '/volumes', ...env });
}
