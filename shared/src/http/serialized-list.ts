import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** An answer already serialized (CachedAnswers sends it as it is). */
export class SerializedJson {
  constructor(readonly json: string) {}
}

type Serializer = (item: unknown) => string;

/**
 * Each list item's JSON, made once per item object and reused: services keep a summary object
 * for as long as nothing it depends on changes, so after a change only the changed items are
 * serialized again, and the list is a join of strings. Items go through the same serializer
 * Fastify compiles for the route's response schema (the item schema is a registered $ref).
 */
export class SerializedItems {
  private readonly json = new WeakMap<object, string>();
  private serializer: Serializer | undefined;

  constructor(private readonly itemSchema: TSchema) {}

  serialize(reply: FastifyReply, items: readonly object[]): string[] {
    // By reference when the schema is registered ($id), as the route's own schema refers to it.
    this.serializer ??= reply.compileSerializationSchema(
      this.itemSchema.$id ? { $ref: this.itemSchema.$id } : this.itemSchema,
    ) as Serializer;
    return items.map((item) => {
      let text = this.json.get(item);
      if (text === undefined) {
        text = this.serializer!(item);
        this.json.set(item, text);
      }
      return text;
    });
  }
}

/**
 * The Kubeflow success envelope around a pre-serialized list, field for field what the route's
 * `successEnvelope({[field]: Array(item), ...extra})` serializer writes: success, status, user,
 * the list, then the extra fields (plain JSON values) in their order.
 */
export function listEnvelope(
  request: FastifyRequest,
  field: string,
  itemsJson: readonly string[],
  extra: Record<string, string | number | boolean | null> = {},
): SerializedJson {
  const user = JSON.stringify(request.identity?.name ?? null);
  const rest = Object.entries(extra)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('');
  return new SerializedJson(
    `{"success":true,"status":200,"user":${user},${JSON.stringify(field)}:[${itemsJson.join(',')}]${rest}}`,
  );
}
