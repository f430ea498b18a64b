/** TypeScript types for a typed HTTP client (openapi-fetch), generated from each committed OpenAPI document. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { REPO_ROOT } from '../control-plane/control-plane.ts';
import { type ServiceName, documentPath } from './documents.ts';

export const clientTypesPath = (service: ServiceName) => join(REPO_ROOT, 'e2e', 'generated', `${service}.ts`);

export async function buildClientTypes(service: ServiceName): Promise<string> {
  const document = JSON.parse(readFileSync(documentPath(service), 'utf8'));
  const ast = await openapiTS(document, { alphabetize: true });
  return `/* Generated from services/${service}/openapi.json by \`npm run openapi:export\`. Do not edit. */\n${astToString(ast)}`;
}
