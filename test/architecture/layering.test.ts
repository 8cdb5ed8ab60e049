import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/**
 * What the import rules cannot say: configuration is read in one place. (Which way imports may point is
 * dependency-cruiser's job: .dependency-cruiser.cjs, run by make lint and tested in dependency-rules.test.ts.)
 */
describe('layering', () => {
  it('reads process.env only in the configuration module (and the operator tools’ entry points)', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src')) {
      // The deploy and smoke tools are not the app: their entries hand their own variables (API_URL...)
      // to pure functions, as seed 001's scripts read them.
      if (file === 'src/config/config.ts' || file.startsWith('src/entry/cli/')) continue;
      if ((await readFile(join(root, file), 'utf8')).includes('process.env')) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
