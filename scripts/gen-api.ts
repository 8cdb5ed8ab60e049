/**
 * `npm run gen:api`: writes web/src/api/schema.d.ts from the API's OpenAPI document. `--check` writes
 * nothing and fails when the committed file is not what the routes generate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { generateSchemaSource, SCHEMA_FILE } from './api-schema/generate.js';

const source = await generateSchemaSource();
const file = relative(process.cwd(), SCHEMA_FILE);
if (process.argv.includes('--check')) {
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== source) {
    console.error(`${file} is out of date with the routes: run npm run gen:api and commit it.`);
    process.exit(1);
  }
  console.log(`${file} matches the OpenAPI document.`);
} else {
  await writeFile(SCHEMA_FILE, source);
  console.log(`wrote ${file}`);
}
