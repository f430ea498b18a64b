/** `npm run openapi:export`: writes services/<name>/openapi.json, the committed contract. */
import { writeFileSync } from 'node:fs';
import { SERVICES, buildDocument, documentPath } from './documents.ts';

for (const service of SERVICES) {
  writeFileSync(documentPath(service), await buildDocument(service));
  console.log(`wrote ${documentPath(service)}`);
}
