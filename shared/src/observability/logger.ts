import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The request id: the caller's x-request-id when it is sane, else a fresh UUID. */
export function requestIdFrom(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** pino settings shared by every service: JSON, fixed field names, secrets redacted. */
export function loggerOptions(
  service: string,
  debug: boolean,
  level?: string,
): FastifyServerOptions['logger'] {
  return {
    level: level ?? (debug ? 'debug' : 'info'),
    base: { service },
    messageKey: 'msg',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-xsrf-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string; headers: Record<string, unknown> }) {
        return { method: request.method, url: request.url, reqId: request.id };
      },
    },
  };
}

/**
 * One access-log line per request ("request completed": method, url, route, status, ms, user),
 * instead of Fastify's two (the "incoming request" line is debug). A list polled every few
 * seconds by every open tab otherwise spends more time logging than answering.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const fields = {
      method: request.method,
      url: request.url,
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.identity?.name,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
