import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

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
