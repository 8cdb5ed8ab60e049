import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { openOutputsFile } from './outputs-file.js';

describe('openOutputsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-outputs-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('resolves a relative path from the caller’s directory and removes what an earlier run left there', async () => {
    await writeFile(join(dir, 'outputs.json'), '{"ApiUrl":"https://an-earlier-run"}\n');
    const file = await openOutputsFile('outputs.json', dir);
    await expect(access(join(dir, 'outputs.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    await file.write({ ApiUrl: 'https://api.example.com' });
    expect(JSON.parse(await readFile(join(dir, 'outputs.json'), 'utf8'))).toEqual({
      ApiUrl: 'https://api.example.com',
    });
  });

  it('refuses, before anything is deployed, a path it could not write', async () => {
    await mkdir(join(dir, 'a-directory'));
    const refusal = (given: string) =>
      openOutputsFile(given, dir).then(
        () => undefined,
        (error: unknown) => error,
      );
    for (const [given, says] of [
      ['', /needs a path/],
      ['missing/outputs.json', /missing is not a directory; create it first/],
      ['a-directory', /is a directory; name a file in it/],
    ] as const) {
      const error = await refusal(given);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(says);
    }
  });
});
