/**
 * `npm run gen:api`: writes the API's OpenAPI document (src/http/docs/openapi.json, what /openapi.json
 * serves) and web/src/api/schema.d.ts from the routes' declarations. `--check` writes nothing and fails
 * when a committed file is not what the routes generate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import {
  DOCUMENT_FILE,
  generateDocumentSource,
  generateSchemaSource,
  SCHEMA_FILE,
} from './api-schema/generate.js';

const outputs = [
  [DOCUMENT_FILE, generateDocumentSource()],
  [SCHEMA_FILE, await generateSchemaSource()],
] as const;
let stale = false;
for (const [path, source] of outputs) {
  const file = relative(process.cwd(), path);
  if (process.argv.includes('--check')) {
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== source) {
      console.error(`${file} is out of date with the routes: run npm run gen:api and commit it.`);
      stale = true;
    } else console.log(`${file} matches the routes.`);
  } else {
    await writeFile(path, source);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
