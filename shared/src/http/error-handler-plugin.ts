import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { kubeErrorToApiError } from '../kube/kube-errors.ts';
import { ApiError, type FieldError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'kubeflow' (default): `{success:false,status,log,user,...}`; 'plain': `{error: message, ...}` (dashboard workgroup API). */
    errorStyle?: 'kubeflow' | 'plain';
  }
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

const contextName: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

function validationDetails(error: FastifyError): FieldError[] {
  const where = contextName[error.validationContext ?? 'body'] ?? 'body';
  return ((error.validation ?? []) as AjvError[]).map((problem) => {
    let field = `/${where}${problem.instancePath ?? ''}`;
    let message = problem.message ?? 'is invalid';
    if (problem.keyword === 'additionalProperties' && problem.params?.additionalProperty) {
      field = `${field}/${String(problem.params.additionalProperty)}`;
      message = 'is not a known field';
    }
    if (problem.keyword === 'required' && problem.params?.missingProperty) {
      field = `${field}/${String(problem.params.missingProperty)}`;
      message = 'is required';
    }
    return { field, message };
  });
}

/** Every failure becomes one of our errors; unknown ones are 500s that never leak internals. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fromKube = kubeErrorToApiError(error);
  if (fromKube) return fromKube;
  const fastifyError = error as FastifyError;
  if (fastifyError?.validation) {
    const details = validationDetails(fastifyError);
    const summary = details
      .slice(0, 3)
      .map((detail) => `${detail.field} ${detail.message}`)
      .join('; ');
    return new ApiError(400, 'VALIDATION_FAILED', `Invalid request: ${summary}`, details);
  }
  const status = fastifyError?.statusCode;
  if (status === 415) {
    return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type: send application/json.');
  }
  if (status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (status && status >= 400 && status < 500) {
    const message =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'The request body is not valid JSON.'
        : (fastifyError.message ?? 'Bad request');
    return new ApiError(status, 'BAD_REQUEST', message);
  }
  return new ApiError(500, 'INTERNAL', 'Internal server error. The request id identifies it in the logs.');
}

export function renderError(request: FastifyRequest, reply: FastifyReply, error: ApiError) {
  const body =
    request.routeOptions.config?.errorStyle === 'plain'
      ? { error: error.message, code: error.code, details: error.details, requestId: request.id }
      : {
          success: false as const,
          status: error.status,
          log: error.message,
          user: request.identity?.name ?? null,
          code: error.code,
          ...(error.details ? { details: error.details } : {}),
          requestId: request.id,
        };
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const apiError = toApiError(error);
      if (request.raw.destroyed) {
        request.log.debug({ err: error }, 'client went away before the answer');
      } else if (apiError.status >= 500) {
        request.log.error({ err: error, code: apiError.code }, apiError.message);
      } else {
        request.log.info({ code: apiError.code, status: apiError.status }, apiError.message);
      }
      return renderError(request, reply, apiError);
    });

    app.setNotFoundHandler((request, reply) => {
      if (request.server.spaFallback?.(request, reply)) return reply;
      return renderError(
        request,
        reply,
        new ApiError(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`),
      );
    });
  },
  { name: 'kf-errors' },
);
