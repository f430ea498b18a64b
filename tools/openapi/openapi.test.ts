import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildClientTypes, clientTypesPath } from './client-types.ts';
import { SERVICES, buildDocument, documentPath } from './documents.ts';

const COMMON_PATHS = ['/api/namespaces', '/api/storageclasses', '/api/storageclasses/default'];

for (const service of SERVICES) {
  describe(`OpenAPI document of ${service}`, () => {
    it('is committed and up to date (run `npm run openapi:export` after changing routes)', async () => {
      const fresh = await buildDocument(service);
      const committed = readFileSync(documentPath(service), 'utf8');
      assert.equal(committed, fresh, `${documentPath(service)} is stale`);
    });

    it('has up-to-date generated client types for the end-to-end tests', async () => {
      assert.equal(readFileSync(clientTypesPath(service), 'utf8'), await buildClientTypes(service));
    });

    it('is a valid OpenAPI 3 document where every operation has an id, a summary and tags', async () => {
      const document = JSON.parse(readFileSync(documentPath(service), 'utf8'));
      const result = await new Validator().validate(document);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
      assert.match(document.openapi, /^3\./);
      const ids = new Set<string>();
      for (const [path, operations] of Object.entries<
        Record<string, { operationId?: string; summary?: string; tags?: string[] }>
      >(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          assert.ok(operation.operationId, `${method} ${path} has no operationId`);
          assert.ok(!ids.has(operation.operationId), `duplicate operationId ${operation.operationId}`);
          ids.add(operation.operationId);
          assert.ok(operation.summary, `${method} ${path} has no summary`);
          assert.ok(operation.tags?.length, `${method} ${path} has no tags`);
        }
      }
      assert.ok(document.paths['/healthz/readiness'], 'health routes are documented');
      if (service !== 'profiles-api') {
        for (const path of COMMON_PATHS) assert.ok(document.paths[path]?.get, `${path} is documented`);
        const namespaces = document.paths['/api/namespaces'].get.responses;
        assert.ok(namespaces['200'].content['application/json'].schema.properties.namespaces);
        assert.ok(namespaces['4XX'], 'error envelope documented');
      }
    });
  });
}
