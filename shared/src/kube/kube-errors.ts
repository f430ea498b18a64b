import { ApiException } from '@kubernetes/client-node';
import { ApiError, type FieldError, upstreamUnavailable } from '../http/errors.ts';

/** A Kubernetes `Status` object as the API server returns it on failure. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    kind?: string;
    causes?: { field?: string; message?: string; reason?: string }[];
  };
}

/** An error answer from the API server (non-2xx), or a failure to reach it (status 0). */
export class KubeRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: KubeStatus,
    readonly request: string,
  ) {
    super(body.message ?? `Kubernetes request ${request} failed with ${status}`);
    this.name = 'KubeRequestError';
  }
  get reason(): string | undefined {
    return this.body.reason;
  }
}

export const isKubeNotFound = (err: unknown) => err instanceof KubeRequestError && err.status === 404;
export const isKubeConflict = (err: unknown) => err instanceof KubeRequestError && err.status === 409;

function parseStatusBody(body: unknown): KubeStatus {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as KubeStatus;
}

/** The one adapter from Kubernetes failures to our error model. */
export function kubeErrorToApiError(err: unknown): ApiError | undefined {
  let status: number;
  let body: KubeStatus;
  if (err instanceof KubeRequestError) {
    status = err.status;
    body = err.body;
  } else if (err instanceof ApiException) {
    status = err.code;
    body = parseStatusBody(err.body);
  } else {
    return undefined;
  }
  const message = body.message ?? `Kubernetes answered ${status}`;
  if (status === 0 || status >= 500 || status === 429) return upstreamUnavailable();
  if (status === 404)
    return new ApiError(404, 'NOT_FOUND', 'The requested resource could not be found in the API Server');
  if (status === 403) return new ApiError(403, 'FORBIDDEN', message);
  if (status === 401)
    return upstreamUnavailable('The service could not authenticate to the Kubernetes API server.');
  if (status === 409) return new ApiError(409, 'CONFLICT', message);
  const details: FieldError[] | undefined = body.details?.causes?.map((cause) => ({
    field: cause.field ?? '',
    message: cause.message ?? cause.reason ?? 'invalid',
  }));
  if (status === 422) return new ApiError(422, 'UNPROCESSABLE', message, details);
  if (status === 400) return new ApiError(400, 'BAD_REQUEST', message, details);
  return new ApiError(status >= 400 && status < 500 ? status : 502, 'BAD_REQUEST', message);
}
