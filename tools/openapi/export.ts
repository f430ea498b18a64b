/** `npm run openapi:export`: writes services/<name>/openapi.json (the committed contract) and the e2e client types. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildClientTypes, clientTypesPath } from './client-types.ts';
import { SERVICES, buildDocument, documentPath } from './documents.ts';

for (const service of SERVICES) {
  writeFileSync(documentPath(service), await buildDocument(service));
  console.log(`wrote ${documentPath(service)}`);
  mkdirSync(dirname(clientTypesPath(service)), { recursive: true });
  writeFileSync(clientTypesPath(service), await buildClientTypes(service));
  console.log(`wrote ${clientTypesPath(service)}`);
}
