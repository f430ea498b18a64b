/** One error model: every failure leaves the service as an ApiError rendered by the error handler. */

export interface FieldError {
  /** Where the problem is, as a JSON-pointer-like path (`/body/cpu`, `/params/namespace`). */
  field: string;
  message: string;
}

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'FEATURE_UNAVAILABLE'
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: FieldError[]) =>
  new ApiError(400, details ? 'VALIDATION_FAILED' : 'BAD_REQUEST', message, details);
export const unauthenticated = (message = 'No user detected.') =>
  new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
export const csrfFailed = (message: string) => new ApiError(403, 'CSRF_FAILED', message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);
export const conflict = (message: string, details?: FieldError[]) =>
  new ApiError(409, 'CONFLICT', message, details);
export const unprocessable = (message: string, details?: FieldError[]) =>
  new ApiError(422, 'UNPROCESSABLE', message, details);
export const featureUnavailable = (message: string) => new ApiError(501, 'FEATURE_UNAVAILABLE', message);
export const upstreamUnavailable = (
  message = 'The Kubernetes API server is unavailable, try again shortly.',
) => new ApiError(503, 'UPSTREAM_UNAVAILABLE', message);
