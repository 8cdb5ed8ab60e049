import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';

/** Where the web client (and every typed caller) reads the API's types from. */
export const SCHEMA_FILE = join(import.meta.dirname, '../../web/src/api/schema.d.ts');

const HEADER = `/**
 * The API's types, generated from its OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with \`npm run gen:api\` after changing a route or schema; \`make test\` fails while this file
 * differs from what the routes generate.
 */

`;

/** The OpenAPI document as the API serves it, built in this process (memory storage, nothing listening). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'blogapp-openapi-'));
  try {
    const config = loadConfig({
      APP_REPOSITORY_PROVIDER: 'memory',
      APP_DATA_DIR: dataDir,
      LOG_LEVEL: 'ERROR',
    });
    const app = createApp(await composeApi(config));
    const response = await app.request('/openapi.json');
    if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The text of schema.d.ts for the routes as they are now. */
export async function generateSchemaSource(): Promise<string> {
  const nodes = await openapiTS((await openApiDocument()) as never, {
    exportType: true,
    defaultNonNullable: false,
  });
  return HEADER + astToString(nodes);
}
