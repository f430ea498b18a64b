import { Type } from '@sinclair/typebox';
import { EnvBoolean, baseConfigProperties, envFlag, loadConfig } from '@kf-ts/shared';

/** Settings of profiles-api: the shared ones plus this service's own. */
export const configProperties = {
  ...baseConfigProperties,
  SELF_REGISTRATION: EnvBoolean(
    true,
    "Let any identified user create a profile owned by themselves (the central dashboard's registration flow, upstream REGISTRATION_FLOW). Cluster admins can always create profiles for anyone.",
  ),
  CLUSTER_ADMINS: Type.String({
    default: '',
    description:
      'Comma-separated user names treated as cluster admins in addition to those Kubernetes allows every verb on every resource cluster-wide (upstream KFAM reads its admin list from the same idea).',
  }),
  ISTIO_INGRESS_GATEWAY_PRINCIPAL: Type.String({
    default: 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
    minLength: 1,
    description: "Istio principal of the ingress gateway, admitted by each binding's AuthorizationPolicy.",
  }),
  KFP_UI_PRINCIPAL: Type.String({
    default: 'cluster.local/ns/kubeflow/sa/ml-pipeline-ui',
    description:
      "Istio principal of the Kubeflow Pipelines UI, also admitted by each binding's AuthorizationPolicy (empty: not admitted).",
  }),
  KUBEFLOW_VERSION: Type.String({
    default: 'unknown',
    description: 'Kubeflow version reported by GET /api/workgroup/env-info.',
  }),
  LOGOUT_URL: Type.String({
    default: '/logout',
    description: 'Logout URL reported by GET /api/workgroup/env-info.',
  }),
};

export type Config = ReturnType<typeof loadServiceConfig>;

export function loadServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadConfig(configProperties, { APP_PREFIX: '/', ...env });
}

/** The configured admin list, trimmed and without blanks. */
export function configuredClusterAdmins(config: Config): Set<string> {
  return new Set(
    config.CLUSTER_ADMINS.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
}

export const selfRegistrationEnabled = (config: Config) => envFlag(config.SELF_REGISTRATION);
