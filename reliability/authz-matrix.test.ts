import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SERVICE_NAMES, type Operation, type ServiceName, buildServiceApp, operations } from './apps.ts';
import { type AccessClass, expectationFor, expected } from './expectations.ts';
import { PERSONAS, type Persona, tenantNamespace, tenantObjects } from './fixtures.ts';
import { requestFor } from './requests.ts';

const WRITES_LAST = ['deleteProfile'];

describe('authorization matrix: every operation of every service, as every persona', () => {
  const apps = new Map<ServiceName, FastifyInstance>();
  let namespace: string;
  const all = operations();
  const cells: { operation: Operation; persona: Persona; status: number; expected: string }[] = [];

  before(async () => {
    namespace = await tenantNamespace('matrix');
    await tenantObjects(namespace);
    for (const service of SERVICE_NAMES)
      apps.set(
        service,
        await buildServiceApp(service, { SAR_CACHE_ALLOW_TTL_SECONDS: '1', SAR_CACHE_DENY_TTL_SECONDS: '1' }),
      );
  });
  after(async () => {
    for (const app of apps.values()) await app.close();
    const summary = `${cells.length} cells (${all.length} operations x ${PERSONAS.length} personas)`;
    console.log(`# authorization matrix: ${summary}`);
  });

  it('has an expectation for every operation (a new route must be added to reliability/expectations.ts)', () => {
    const missing = all.filter((operation) => !expectationFor(operation.service, operation.operationId));
    assert.deepEqual(
      missing.map(
        (operation) =>
          `${operation.service} ${operation.method} ${operation.path} (${operation.operationId})`,
      ),
      [],
    );
  });

  it('answers each cell as expected, never with a 5xx', async () => {
    // Reads first, then writes (a write by an allowed persona may remove what later cells read),
    // the denied personas before the allowed ones, and deleting the profile last of all.
    const ordered = [...all].sort((a, b) => {
      const rank = (operation: Operation) =>
        WRITES_LAST.includes(operation.operationId) ? 2 : operation.method === 'GET' ? 0 : 1;
      return rank(a) - rank(b);
    });
    const failures: string[] = [];
    for (const operation of ordered) {
      const access = expectationFor(operation.service, operation.operationId) as AccessClass;
      const personas = [...PERSONAS].sort(
        (a, b) => Number(expected(access, a) === 'allowed') - Number(expected(access, b) === 'allowed'),
      );
      for (const persona of personas) {
        const want = expected(access, persona);
        const res = await apps.get(operation.service)!.inject(requestFor(operation, namespace, persona));
        cells.push({ operation, persona, status: res.statusCode, expected: String(want) });
        const got = res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'allowed';
        const where = `${operation.service} ${operation.method} ${operation.path} as ${persona}`;
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (got !== want)
          failures.push(`${where}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (
          res.statusCode >= 400 &&
          !operation.path.startsWith('/api/workgroup') &&
          operation.operationId !== 'queryClusterAdmin'
        ) {
          const body = res.json() as {
            success?: boolean;
            status?: number;
            code?: string;
            requestId?: string;
          };
          if (body.success !== false || body.status !== res.statusCode || !body.code || !body.requestId) {
            failures.push(`${where}: error without the envelope: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
