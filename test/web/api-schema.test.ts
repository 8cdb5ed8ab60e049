import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_FILE,
  generateDocumentSource,
  generateSchemaSource,
  SCHEMA_FILE,
} from '../../scripts/api-schema/generate.js';

/**
 * The document /openapi.json serves and the web client's (and the smoke suite's) types are generated from
 * the routes' declarations: a route or schema change that was not regenerated fails here, so neither the
 * docs nor the typed client can describe an API that is gone.
 */
describe('the generated API files', () => {
  it.each([
    ['src/http/docs/openapi.json', DOCUMENT_FILE, async () => generateDocumentSource()],
    ['web/src/api/schema.d.ts', SCHEMA_FILE, generateSchemaSource],
  ])(
    '%s is what the routes generate (npm run gen:api)',
    async (name, file, generate) => {
      const committed = await readFile(file, 'utf8');
      const generated = await generate();
      expect(name).toBe(relative(process.cwd(), file));
      expect(
        committed === generated,
        `${name} differs from the routes: run npm run gen:api and commit it`,
      ).toBe(true);
    },
    60_000,
  );
});
