import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateSchemaSource, SCHEMA_FILE } from '../../scripts/api-schema/generate.js';

/**
 * The web client's (and the smoke suite's) types are generated from the OpenAPI document: a route or schema
 * change that was not regenerated fails here, so the typed client can never describe an API that is gone.
 */
describe('web/src/api/schema.d.ts', () => {
  it('is what openapi-typescript generates from the routes as they are (npm run gen:api)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    const generated = await generateSchemaSource();
    expect(
      committed === generated,
      'web/src/api/schema.d.ts differs from the OpenAPI document: run npm run gen:api and commit it',
    ).toBe(true);
  }, 60_000);
});
