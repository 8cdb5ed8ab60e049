import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../../src/http/docs/openapi-document.js';

/** Where every app reads the document it serves at /openapi.json. */
export const DOCUMENT_FILE = join(import.meta.dirname, '../../src/http/docs/openapi.json');
/** Where the web client (and every typed caller) reads the API's types from. */
export const SCHEMA_FILE = join(import.meta.dirname, '../../web/src/api/schema.d.ts');

const HEADER = `/**
 * The API's types, generated from its OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with \`npm run gen:api\` after changing a route or schema; \`make test\` fails while this file
 * differs from what the routes generate.
 */

`;

/** The text of openapi.json for the routes as they are now. */
export function generateDocumentSource(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

/** The text of schema.d.ts for the routes as they are now. */
export async function generateSchemaSource(): Promise<string> {
  const nodes = await openapiTS(openApiDocument() as never, { exportType: true, defaultNonNullable: false });
  return HEADER + astToString(nodes);
}
