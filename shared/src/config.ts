import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Environment booleans: accepted spellings only, so `METRICS=false` really means false. */
export const EnvBoolean = (defaultValue: boolean, description: string) =>
  Type.Union(
    [
      Type.Literal('true'),
      Type.Literal('false'),
      Type.Literal('1'),
      Type.Literal('0'),
      Type.Literal('yes'),
      Type.Literal('no'),
    ],
    {
      default: String(defaultValue),
      description,
    },
  );

export const EnvInteger = (defaultValue: number, description: string, minimum = 0) =>
  Type.Integer({ default: defaultValue, minimum, description });

/** Settings every service shares. Upstream names keep their upstream meaning. */
export const baseConfigProperties = {
  PORT: EnvInteger(5000, 'Port to listen on.', 1),
  HOST: Type.String({ default: '0.0.0.0', description: 'Address to listen on.' }),
  USERID_HEADER: Type.String({
    default: 'kubeflow-userid',
    minLength: 1,
    description: 'Trusted header carrying the user name.',
  }),
  USERID_PREFIX: Type.String({
    default: '',
    description: 'Prefix removed from the front of the user header (for example "accounts.google.com:").',
  }),
  GROUPS_HEADER: Type.String({
    default: 'kubeflow-groups',
    minLength: 1,
    description: "Trusted header with the caller's groups, comma-separated.",
  }),
  TRUSTED_PROXY_PRINCIPALS: Type.String({
    default: '',
    description:
      'Comma-separated SPIFFE URIs (for example the ingress gateway). When set, identity headers are only accepted from requests whose x-forwarded-client-cert names one of them.',
  }),
  APP_PREFIX: Type.String({
    default: '/',
    description:
      'Path prefix the app is served under by the gateway (for example /jupyter); the CSRF cookie Path.',
  }),
  APP_SECURE_COOKIES: EnvBoolean(true, 'Mark the CSRF cookie Secure (turn off only for plain-HTTP setups).'),
  CSRF_SAMESITE: Type.Union([Type.Literal('Strict'), Type.Literal('Lax'), Type.Literal('None')], {
    default: 'Strict',
    description: 'SameSite attribute of the CSRF cookie.',
  }),
  BACKEND_MODE: Type.Union(
    [Type.Literal('prod'), Type.Literal('production'), Type.Literal('dev'), Type.Literal('development')],
    {
      default: 'prod',
      description:
        'dev/development disables authentication and authorization (loudly). Never for production.',
    },
  ),
  APP_DISABLE_AUTH: EnvBoolean(
    false,
    'Disable authentication and authorization (loudly). Never for production.',
  ),
  METRICS: EnvBoolean(true, 'Serve Prometheus metrics at /metrics.'),
  LOG_LEVEL_DEBUG: EnvBoolean(false, 'Log at debug level.'),
  SAR_CACHE_ALLOW_TTL_SECONDS: EnvInteger(10, 'How long an allowed SubjectAccessReview decision is reused.'),
  SAR_CACHE_DENY_TTL_SECONDS: EnvInteger(10, 'How long a denied SubjectAccessReview decision is reused.'),
  TOKEN_REVIEW_CACHE_TTL_SECONDS: EnvInteger(
    10,
    'How long a verified Bearer token identity is reused (keyed by a hash of the token).',
  ),
  KUBE_REQUEST_TIMEOUT_MS: EnvInteger(10_000, 'Timeout of one Kubernetes API request.', 100),
  AUTHZ_TIMEOUT_MS: EnvInteger(
    3_000,
    'Timeout of one SubjectAccessReview or TokenReview; past it the request is a 503.',
    100,
  ),
  REQUEST_TIMEOUT_MS: EnvInteger(30_000, 'Server-side timeout for a whole request (streams excluded).', 1000),
  KEEP_ALIVE_TIMEOUT_MS: EnvInteger(
    65_000,
    'HTTP keep-alive timeout (longer than the gateway idle timeout).',
    1000,
  ),
  SHUTDOWN_GRACE_MS: EnvInteger(10_000, 'Time given to in-flight requests on SIGTERM.', 0),
  LIVE_RECHECK_SECONDS: EnvInteger(
    15,
    "How often a live list stream (?watch=true) re-checks the caller's access.",
    1,
  ),
  OPTIONAL_API_RECHECK_SECONDS: EnvInteger(
    10,
    'How often the service looks again for an optional API it does not see yet (PVCViewer, VolumeSnapshot, Istio); APIs it sees are re-checked every 60 s.',
    1,
  ),
  SPA_DIR: Type.String({
    default: '',
    description:
      'Directory of a built Kubeflow SPA to serve (index.html with <base href> = the app prefix, static files, deep links). Empty: `/` points to the API docs.',
  }),
  BODY_LIMIT_BYTES: EnvInteger(1_048_576, 'Largest accepted request body.', 1024),
};

export type BaseConfigProperties = typeof baseConfigProperties;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const truthy = new Set(['true', '1', 'yes']);
export const envFlag = (value: string) => truthy.has(value);

/**
 * Reads settings from the environment against a schema: defaults filled, numbers converted,
 * anything invalid reported at once with the variable's name, so a bad deployment fails at start.
 */
export function loadConfig<P extends TProperties>(
  properties: P,
  env: Record<string, string | undefined> = process.env,
): Static<TObject<P>> {
  const schema = Type.Object(properties);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(schema, Value.Convert(schema, raw));
  const problems = [...Value.Errors(schema, withDefaults)].map(
    (error) =>
      `${error.path.slice(1) || '(root)'}=${JSON.stringify(env[error.path.slice(1)] ?? '')}: ${error.message}`,
  );
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return withDefaults as Static<TObject<P>>;
}

export type BaseConfig = Static<TObject<BaseConfigProperties>>;

export function authDisabled(config: BaseConfig): boolean {
  return (
    envFlag(config.APP_DISABLE_AUTH) || config.BACKEND_MODE === 'dev' || config.BACKEND_MODE === 'development'
  );
}
