/**
 * The exported OpenAPI document (kept fresh by tools/openapi) says what the routes do: every
 * route, each form field, parameter and response the wire contract and issue 3 name. Reads the
 * committed file, so it needs no cluster.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  [key: string]: unknown;
};
interface Operation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

const document = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const operation = (method: string, path: string): Operation => {
  const found = document.paths[path]?.[method];
  assert.ok(found, `${method.toUpperCase()} ${path} is documented`);
  return found;
};
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()!]!) : schema;
/** Property names of an object schema, through $ref and allOf. */
const propertyNames = (schema: Schema): string[] => {
  const resolved = resolve(schema);
  return [
    ...Object.keys(resolved.properties ?? {}),
    ...(resolved.allOf ?? []).flatMap((part) => propertyNames(part)),
  ];
};
const okSchema = (op: Operation) => op.responses['200']?.content?.['application/json']?.schema ?? {};
const parameters = (op: Operation, where: string) =>
  (op.parameters ?? []).filter((parameter) => parameter.in === where).map((parameter) => parameter.name);

const NS = '/api/namespaces/{namespace}';
const NB = `${NS}/notebooks/{name}`;

describe('jupyter-api OpenAPI document', () => {
  it('documents every upstream route and the additions, each with its data field', () => {
    const routes: [string, string, string[]][] = [
      ['get', '/api/config', ['config']],
      ['get', '/api/gpus', ['vendors']],
      ['get', `${NS}/pvcs`, ['pvcs']],
      ['get', `${NS}/poddefaults`, ['poddefaults']],
      ['get', `${NS}/notebooks`, ['notebooks', 'total']],
      ['get', '/api/notebooks', ['notebooks', 'total']],
      ['get', NB, ['notebook']],
      ['get', `${NB}/pod`, ['pod']],
      ['get', `${NB}/pod/{pod}/logs`, ['logs']],
      ['get', `${NB}/events`, ['events']],
      ['post', `${NS}/notebooks`, ['message', 'notebook']],
      ['patch', NB, ['notebook', 'restartRequired']],
      ['delete', NB, ['message', 'deletedVolumes']],
      ['get', '/api/namespaces', ['namespaces']],
      ['get', '/api/storageclasses', ['storageClasses']],
      ['get', '/api/storageclasses/default', ['defaultStorageClass']],
    ];
    for (const [method, path, fields] of routes) {
      const op = operation(method, path);
      assert.deepEqual(
        propertyNames(okSchema(op)).sort(),
        ['status', 'success', 'user', ...fields].sort(),
        `${method} ${path}`,
      );
      assert.ok(op.responses['4XX'], `${method} ${path} documents its errors`);
    }
  });

  it('describes the summaries, the status, the processed status, events and the config', () => {
    const summary = document.components.schemas.NotebookSummary!;
    assert.deepEqual(Object.keys(summary.properties ?? {}).sort(), [
      'age',
      'cpu',
      'gpus',
      'image',
      'last_activity',
      'memory',
      'metadata',
      'name',
      'namespace',
      'serverType',
      'shortImage',
      'status',
      'volumes',
    ]);
    const phases = (resolve({ $ref: 'NotebookStatus' }).properties?.phase?.anyOf ?? []).flatMap(
      (literal) => literal.enum as string[],
    );
    assert.deepEqual(phases.sort(), [
      'error',
      'ready',
      'stopped',
      'terminating',
      'unavailable',
      'uninitialized',
      'waiting',
      'warning',
    ]);
    assert.ok(
      propertyNames(resolve(okSchema(operation('get', NB)).properties!.notebook!)).includes(
        'processed_status',
      ),
    );
    const event = resolve(okSchema(operation('get', `${NB}/events`)).properties!.events!.items!);
    for (const field of ['type', 'reason', 'message', 'involvedObject', 'lastTimestamp']) {
      assert.ok(event.properties?.[field], `events document ${field}`);
    }
    const config = resolve(okSchema(operation('get', '/api/config')).properties!.config!);
    for (const field of [
      'allowCustomImage',
      'image',
      'cpu',
      'memory',
      'gpus',
      'workspaceVolume',
      'environment',
    ]) {
      assert.ok(config.properties?.[field], `config documents ${field}`);
    }
  });

  it('documents every create form field, and the PATCH and DELETE additions', () => {
    const createBody =
      operation('post', `${NS}/notebooks`).requestBody?.content['application/json']?.schema ?? {};
    for (const field of [
      'name',
      'image',
      'customImage',
      'customImageCheck',
      'imagePullPolicy',
      'serverType',
      'cpu',
      'cpuLimit',
      'memory',
      'memoryLimit',
      'gpus',
      'tolerationGroup',
      'affinityConfig',
      'configurations',
      'shm',
      'workspace',
      'datavols',
      'environment',
    ]) {
      assert.ok(propertyNames(createBody).includes(field), `create documents ${field}`);
    }
    const patchBody = operation('patch', NB).requestBody?.content['application/json']?.schema ?? {};
    assert.deepEqual(propertyNames(patchBody).sort(), [
      'cpu',
      'cpuLimit',
      'gpus',
      'image',
      'memory',
      'memoryLimit',
      'resourceVersion',
      'stopped',
    ]);
    assert.deepEqual(parameters(operation('delete', NB), 'query'), ['deleteWorkspaceVolume']);
  });

  it('documents list filters, paging, live updates and revalidation, and log options', () => {
    for (const path of [`${NS}/notebooks`, '/api/notebooks']) {
      const op = operation('get', path);
      assert.deepEqual(parameters(op, 'query').sort(), ['limit', 'offset', 'phase', 'q', 'sort', 'watch']);
      assert.deepEqual(parameters(op, 'header'), ['if-none-match']);
      assert.ok(op.responses['304'], `${path} documents 304`);
      assert.ok(op.responses['200']?.content?.['text/event-stream'], `${path} documents the watch stream`);
    }
    assert.deepEqual(parameters(operation('get', `${NB}/pod/{pod}/logs`), 'query').sort(), [
      'container',
      'sinceSeconds',
      'tailLines',
    ]);
  });
});
