import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { ok, successEnvelope } from '../src/http/envelope.ts';
import { SerializedItems, listEnvelope } from '../src/http/serialized-list.ts';

const Status = Type.Object({ phase: Type.String(), message: Type.String() }, { $id: 'ItemStatus' });
const Item = Type.Object(
  {
    name: Type.String(),
    cpu: Type.Union([Type.String(), Type.Null()]),
    tags: Type.Array(Type.String()),
    status: Type.Ref(Status),
    note: Type.Optional(Type.String()),
  },
  { $id: 'Item' },
);

const items = [
  { name: 'a', cpu: '500m', tags: ['x', 'y"z'], status: { phase: 'ready', message: 'Running' } },
  // unknown fields are dropped and optional ones kept, as the route schema's serializer does
  { name: 'b\u2028', cpu: null, tags: [], status: { phase: 'warning', message: 'é' }, note: 'n', extra: 1 },
];

async function serverWith(handler: 'schema' | 'preserialized') {
  const app = Fastify();
  app.addSchema(Status);
  app.addSchema(Item);
  const serialized = new SerializedItems(Item);
  app.get(
    '/list',
    {
      schema: {
        response: { 200: successEnvelope({ items: Type.Array(Type.Ref(Item)), total: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const body = ok(request, { items, total: 2 });
      if (handler === 'schema') return body;
      return reply
        .type('application/json; charset=utf-8')
        .send(listEnvelope(request, 'items', serialized.serialize(reply, items), { total: 2 }).json);
    },
  );
  await app.ready();
  return app;
}

describe('pre-serialized list answers', () => {
  it('are byte for byte what the route schema serializer writes', async () => {
    const viaSchema = await serverWith('schema');
    const viaItems = await serverWith('preserialized');
    const expected = (await viaSchema.inject({ url: '/list' })).body;
    const actual = (await viaItems.inject({ url: '/list' })).body;
    assert.equal(actual, expected);
    assert.deepEqual(JSON.parse(actual).items[1], {
      name: 'b\u2028',
      cpu: null,
      tags: [],
      status: { phase: 'warning', message: 'é' },
      note: 'n',
    });
    await viaSchema.close();
    await viaItems.close();
  });

  it('serialize each item object once', async () => {
    const app = Fastify();
    app.addSchema(Status);
    app.addSchema(Item);
    const serialized = new SerializedItems(Item);
    let first: string[] = [];
    let second: string[] = [];
    app.get('/twice', async (_request, reply) => {
      first = serialized.serialize(reply, items);
      // a changed item is a new object (the services keep unchanged ones)
      second = serialized.serialize(reply, [items[0]!, { ...items[1]!, name: 'c' }]);
      return { ok: true };
    });
    await app.inject({ url: '/twice' });
    assert.equal(second[0], first[0]);
    assert.match(second[1]!, /"name":"c"/);
    await app.close();
  });
});
