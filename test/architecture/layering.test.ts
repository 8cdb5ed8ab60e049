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

function importsOf(source: string): string[] {
  return [
    ...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

/** The dependency rule: the domain in the middle knows nothing of HTTP, Lambda, AWS or the adapters. */
describe('layering', () => {
  it('keeps the domain free of HTTP, Lambda, the AWS SDK, adapters and configuration', async () => {
    const forbidden =
      /^(hono|@hono\/|@aws-sdk\/|@smithy\/|@aws-lambda-powertools\/|aws-lambda|jose|ws|dynalite)|\/(adapters|http|entry|config|composition|local)\//;
    const offenders: string[] = [];
    for (const file of await sourceFiles('src/domain')) {
      for (const spec of importsOf(await readFile(join(root, file), 'utf8'))) {
        if (forbidden.test(spec)) offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

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
