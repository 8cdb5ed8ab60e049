import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CommandRunner } from '../../../src/deploy/command.js';
import { spawnRunner } from '../../../src/deploy/spawn-runner.js';

const git = promisify(execFile);

export interface GitCheckout {
  dir: string;
  /** Runs commands (the preflight's git) in the checkout. */
  runner: CommandRunner;
  /** What the preflight reports as the version: `git describe --always --dirty --abbrev=12`. */
  revision(): Promise<string>;
  dispose(): Promise<void>;
}

/** A real git repository with one commit on `branch` and a clean tree, for the deploy preflight to read. */
export async function gitCheckout(branch: string): Promise<GitCheckout> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-git-'));
  await writeFile(join(dir, 'README.md'), 'release\n');
  for (const args of [
    ['init', '-q', '-b', branch],
    ['add', '.'],
    ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'release'],
  ]) {
    await git('git', args, { cwd: dir });
  }
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  return {
    dir,
    runner: spawnRunner({ root: dir, stdout: quiet, stderr: quiet }),
    revision: async () =>
      (await git('git', ['describe', '--always', '--dirty', '--abbrev=12'], { cwd: dir })).stdout.trim(),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
