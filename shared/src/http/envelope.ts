import { type TProperties, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';

/** Field-level problem in a request, as reported in `details`. */
export const FieldErrorSchema = Type.Object(
  { field: Type.String({ description: 'Where the problem is, e.g. /body/cpu' }), message: Type.String() },
  { $id: 'FieldError' },
);

/** Upstream's error envelope plus our additive fields. */
export const ErrorEnvelopeSchema = Type.Object(
  {
    success: Type.Literal(false),
    status: Type.Integer({ description: 'The HTTP status code, repeated for the SPAs.' }),
    log: Type.String({ description: 'A message a person can act on.' }),
    user: Type.Union([Type.String(), Type.Null()]),
    code: Type.String({ description: 'Stable machine-readable error code.' }),
    details: Type.Optional(Type.Array(Type.Ref(FieldErrorSchema))),
    requestId: Type.String(),
  },
  { $id: 'ErrorEnvelope', description: "Every error, in the Kubeflow web apps' envelope." },
);

/** The success envelope `{success: true, status, user, <fields>}`. */
export function successEnvelope<P extends TProperties>(
  fields: P,
  options: { $id?: string; description?: string } = {},
) {
  return Type.Object(
    {
      success: Type.Literal(true),
      status: Type.Integer(),
      user: Type.Union([Type.String(), Type.Null()]),
      ...fields,
    },
    options,
  );
}

export function ok<T extends Record<string, unknown>>(request: FastifyRequest, fields: T, status = 200) {
  return { success: true as const, status, user: request.identity?.name ?? null, ...fields };
}

/** An error response schema reference, for route schemas. */
export const errorResponse = (description: string): TSchema => Type.Ref(ErrorEnvelopeSchema, { description });
