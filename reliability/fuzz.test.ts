import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { type KubeObject, resources } from '@kf-ts/shared';
import { adminKube } from '../shared/test-support/index.ts';
import { SERVICE_NAMES, type Operation, type ServiceName, buildServiceApp, operations } from './apps.ts';
import { FIXTURE_LABEL, headersFor, people, tenantNamespace, tenantObjects } from './fixtures.ts';
import { requestFor } from './requests.ts';

/** Fixed seed in CI; FUZZ_RUNS=1000 (and FUZZ_SEED) for a longer run on demand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '..',
    '../..',
    '%2e%2e',
    '.',
    '',
    ' ',
    'A'.repeat(5000),
    '😀',
    'Ünïcødé',
    'x'.repeat(64),
    '-a',
    'a-',
    'a.b',
    'a_b',
    'null',
    '{}',
    '[]',
    '\u0000',
    '<script>',
  ),
);

/** Bodies that break the schema in every way we could think of, and some that might not. */
const bodies = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string(), fc.anything({ maxDepth: 2 })),
  fc.array(fc.anything({ maxDepth: 1 })),
  fc.constantFrom(
    {},
    [],
    null,
    0,
    '',
    'x'.repeat(100_000),
    { name: 'A'.repeat(300) },
    { name: ['a'] },
    { name: { a: 1 } },
  ),
);

const RESOURCE_COUNTS = [
  resources.notebooks,
  resources.persistentVolumeClaims,
  resources.tensorboards,
  resources.roleBindings,
  resources.pvcViewers,
];

async function objectCounts(namespace: string): Promise<string> {
  const kube = await adminKube();
  const counts = await Promise.all(
    RESOURCE_COUNTS.map(async (resource) => (await kube.list(resource, { namespace })).items.length),
  );
  // Profiles are cluster-wide and other test files create their own at the same time (tenants of
  // the same people among them): count the ones a fuzzed request could have made, owned by the
  // tenant's people and not made by the fixtures.
  const owners = new Set(Object.values(people).map((person) => person.name));
  const profiles = (
    await kube.list<KubeObject & { spec?: { owner?: { name?: string } } }>(resources.profiles)
  ).items.filter(
    (profile) => owners.has(profile.spec?.owner?.name ?? '') && !profile.metadata?.labels?.[FIXTURE_LABEL],
  ).length;
  return [...counts, profiles].join(',');
}

describe(`fuzzing every operation from its schema (seed ${SEED}, ${RUNS} runs per operation and kind)`, () => {
  const apps = new Map<ServiceName, FastifyInstance>();
  let namespace: string;
  let cases = 0;
  const failures: string[] = [];
  const all = operations().filter((operation) => !operation.path.startsWith('/healthz'));

  before(async () => {
    namespace = await tenantNamespace('fuzz');
    await tenantObjects(namespace);
    for (const service of SERVICE_NAMES) apps.set(service, await buildServiceApp(service));
  });
  after(async () => {
    for (const app of apps.values()) await app.close();
    console.log(`# fuzz cases run: ${cases}`);
  });

  async function send(
    operation: Operation,
    request: { method: string; url: string; headers: Record<string, string>; payload?: unknown },
    what: string,
  ) {
    const writes = operation.method !== 'GET';
    const before = writes ? await objectCounts(namespace) : '';
    const res = await apps.get(operation.service)!.inject(request as never);
    cases++;
    const where = `${operation.service} ${operation.method} ${operation.path} [${what}] ${request.url.slice(0, 120)}`;
    if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 400 && res.statusCode < 500) {
      let body: Record<string, unknown> = {};
      try {
        body = res.json();
      } catch {
        failures.push(`${where}: ${res.statusCode} without a JSON body`);
      }
      // The dashboard's workgroup routes answer {error}; a URL that matches no route (or never
      // reaches one) gets our standard envelope.
      const kubeflowEnvelope =
        body.success === false &&
        typeof body.log === 'string' &&
        Boolean(body.code) &&
        Boolean(body.requestId);
      const plainEnvelope =
        operation.path.startsWith('/api/workgroup') &&
        typeof body.error === 'string' &&
        Boolean(body.requestId);
      if (!kubeflowEnvelope && !plainEnvelope) {
        failures.push(`${where}: ${res.statusCode} without the error envelope: ${res.body.slice(0, 200)}`);
      }
      if (writes && (await objectCounts(namespace)) !== before)
        failures.push(`${where}: rejected (${res.statusCode}) but the cluster changed`);
    }
    return res.statusCode;
  }

  it('never answers 5xx, always the error envelope on 4xx, and a rejected request changes nothing', async () => {
    for (const operation of all) {
      const valid = requestFor(operation, namespace, 'owner');
      // Deletes aim at absent objects: a real delete finishes asynchronously (finalizers) and would
      // blur the "a rejected request changes nothing" check.
      if (operation.method === 'DELETE')
        valid.url = valid.url.replace(/\/(m-nb|m-pvc|m-tb|m-pvc-2)(?=$|\/|\?)/, '/fuzz-absent');
      // Path parameters.
      if (operation.path.includes('{')) {
        await fc.assert(
          fc.asyncProperty(nasty, async (value) => {
            const url = operation.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(value));
            await send(operation, { ...valid, url }, 'path');
          }),
          { seed: SEED, numRuns: RUNS },
        );
      }
      // Query strings.
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.oneof(
              fc.constantFrom(...(operation.query ?? []).map((q) => q.name), 'watch', 'limit'),
              fc.string(),
            ),
            nasty,
          ),
          async (query) => {
            const search = new URLSearchParams(query).toString();
            await send(operation, { ...valid, url: `${valid.url.split('?')[0]}?${search}` }, 'query');
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
      if (operation.method === 'GET') continue;
      // Bodies: random ones, and the valid body with one field broken.
      await fc.assert(
        fc.asyncProperty(bodies, async (payload) => {
          await send(
            operation,
            {
              ...valid,
              payload: JSON.stringify(payload) ?? 'null',
              headers: { ...valid.headers, 'content-type': 'application/json' },
            },
            'body',
          );
        }),
        { seed: SEED, numRuns: RUNS },
      );
      const validBody = (valid as { payload?: Record<string, unknown> }).payload;
      if (validBody && typeof validBody === 'object' && Object.keys(validBody).length) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...Object.keys(validBody)),
            fc.anything({ maxDepth: 2 }),
            async (field, value) => {
              await send(
                operation,
                { ...valid, payload: { ...validBody, [field]: value } },
                `field ${field}`,
              );
            },
          ),
          { seed: SEED, numRuns: RUNS },
        );
      }
      // Raw payloads no JSON encoder produces, and wrong content types.
      for (const [payload, contentType] of [
        ['{"name":"a","name":"b"}', 'application/json'],
        ['{"name": ', 'application/json'],
        ['<name>x</name>', 'application/xml'],
        ['name=x', 'application/x-www-form-urlencoded'],
        ['x', 'text/plain'],
        ['', 'application/json'],
      ] as const) {
        await send(
          operation,
          { ...valid, payload, headers: { ...headersFor('owner'), 'content-type': contentType } },
          `raw ${contentType}`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });
});
