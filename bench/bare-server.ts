/** The ceiling: a bare Fastify route answering a pre-built payload (argv[2]: its size in bytes). */
import Fastify from 'fastify';

const size = Number(process.argv[2] ?? 1_000_000);
const item = JSON.stringify({
  name: 'notebook-0000',
  namespace: 'bench',
  image: 'example/image:tag',
  status: { phase: 'ready' },
});
const items: string[] = [];
let length = 40;
while (length < size) {
  items.push(item);
  length += item.length + 1;
}
const payload = Buffer.from(`{"success":true,"status":200,"user":"u","notebooks":[${items.join(',')}]}`);
const app = Fastify();
app.get('/payload', async (_request, reply) => reply.type('application/json').send(payload));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
