import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../src/adapters/local-disk/private-dir.js';
import { DEFAULT_DATA_DIR, loadConfig } from '../../src/config/config.js';
import { startTestStack } from '../support/test-stack.js';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** What other local users can reach of a stack's data: nothing but the names in a directory they own. */
describe('the local stack’s data directory', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const scratch = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-private-'));
    dirs.push(dir);
    return dir;
  };

  it('is private when the stack makes it, with the data and secrets in it', async () => {
    const dataDir = join(await scratch(), '.data');
    const stack = await startTestStack('dynamodb', {}, dataDir);
    try {
      const token = await stack.token('alice', 'Alice');
      expect(
        (await stack.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } })).status,
      ).toBe(201);
    } finally {
      await stack.close();
    }
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(join(dataDir, 'dynamodb'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'uploads'))).toBe(0o700);
    for (const secret of ['cursor-secret', 'upload-secret', 'local-issuer-key.json']) {
      expect(await modeOf(join(dataDir, secret))).toBe(0o600);
    }
  });

  it('closes the data an earlier version left open, and leaves a directory it did not make as it is', async () => {
    const dataDir = await scratch();
    await chmod(dataDir, 0o755);
    for (const name of ['dynamodb', 'uploads']) await mkdir(join(dataDir, name), { mode: 0o755 });
    await chmod(join(dataDir, 'dynamodb'), 0o755);
    await chmod(join(dataDir, 'uploads'), 0o755);
    await writeFile(join(dataDir, 'stream-failures.jsonl'), '{"a":"comment body"}\n', { mode: 0o644 });
    await chmod(join(dataDir, 'stream-failures.jsonl'), 0o644);
    const stack = await startTestStack('dynamodb', {}, dataDir);
    await stack.close();
    expect(await modeOf(dataDir)).toBe(0o755);
    expect(await modeOf(join(dataDir, 'dynamodb'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'uploads'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'stream-failures.jsonl'))).toBe(0o600);
  });

  it('closes the project’s own .data that an earlier version left open (the default, not a directory named)', async () => {
    const dataDir = join(await scratch(), '.data');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await prepareDataDir(dataDir, true);
    expect(await modeOf(dataDir)).toBe(0o700);
    // The stack passes `owned` only for the default: APP_DATA_DIR unset, or set to it.
    expect(loadConfig({}).dataDir).toBe(DEFAULT_DATA_DIR);
  });
});
