import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DeployError } from '../../src/deploy/errors.js';
import { preflight } from '../../src/deploy/preflight.js';
import { Progress } from '../../src/deploy/progress.js';
import { spawnRunner } from '../../src/deploy/spawn-runner.js';
import type { Target } from '../../src/deploy/target.js';

const exec = promisify(execFile);
const git = async (cwd: string, ...args: string[]) =>
  (
    await exec('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd })
  ).stdout.trim();

const production: Target = {
  environment: 'production',
  stackName: 'blogapp-production',
  parameters: { AllowedOrigins: 'https://blog.mine.dev' },
  tags: {},
};

/** The deploy workflow's own step that fetches production's tip beside the commit it checked out. */
async function workflowFetchStep(): Promise<string> {
  const workflow = parse(await readFile('.github/workflows/deploy.yml', 'utf8')) as {
    jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
  };
  const step = workflow.jobs.deploy?.steps.find((s) => s.name === 'fetch production’s tip');
  if (!step?.run) throw new Error('deploy.yml has no "fetch production’s tip" step');
  return step.run;
}

/**
 * Production's preflight on real git checkouts: a person on a branch, and CI's detached HEAD at the commit it
 * tested, as actions/checkout leaves it (the commit fetched alone, no branch) plus the workflow's own fetch of
 * production's tip.
 */
describe('production deploys only the production branch’s tip', () => {
  let root: string;
  let origin: string;
  let releaseTip: string;
  let previousRelease: string;
  let mainTip: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'blogapp-release-'));
    origin = join(root, 'origin');
    await mkdir(origin);
    await git(origin, 'init', '-q', '-b', 'main');
    // actions/checkout fetches the one commit it was given by its id.
    await git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    await git(origin, 'commit', '-q', '--allow-empty', '-m', 'first');
    await git(origin, 'branch', 'production');
    previousRelease = await git(origin, 'rev-parse', 'HEAD');
    await git(origin, 'commit', '-q', '--allow-empty', '-m', 'released');
    await git(origin, 'branch', '-f', 'production');
    releaseTip = await git(origin, 'rev-parse', 'HEAD');
    await git(origin, 'commit', '-q', '--allow-empty', '-m', 'not released yet');
    mainTip = await git(origin, 'rev-parse', 'HEAD');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A checkout as actions/checkout makes one for `ref: <sha>`: only that commit, HEAD detached at it. */
  async function ciCheckout(name: string, sha: string, { fetchRelease }: { fetchRelease: boolean }) {
    const dir = join(root, name);
    await mkdir(dir);
    await git(dir, 'init', '-q');
    await git(dir, 'remote', 'add', 'origin', `file://${origin}`);
    await git(dir, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', sha);
    await git(dir, 'checkout', '-q', '--detach', sha);
    if (fetchRelease) await exec('bash', ['-e', '-c', await workflowFetchStep()], { cwd: dir });
    return dir;
  }

  async function runPreflight(dir: string) {
    const lines: string[] = [];
    const runner = spawnRunner({ root: dir, stdout: process.stdout, stderr: process.stderr });
    const version = await preflight(runner, production, new Progress((line) => lines.push(line), 1), {
      planOnly: false,
    });
    return { version, lines };
  }

  async function refusal(dir: string): Promise<DeployError> {
    const error = await runPreflight(dir).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DeployError);
    return error as DeployError;
  }

  it('accepts CI’s detached HEAD at production’s tip, once the workflow has fetched it', async () => {
    const dir = await ciCheckout('ci-tip', releaseTip, { fetchRelease: true });
    const { version, lines } = await runPreflight(dir);
    expect(version).toBe(releaseTip.slice(0, 12));
    expect(lines).toContain('      git: clean tree on production');
  });

  it('refuses a detached HEAD at a commit that is not production’s tip, saying which is', async () => {
    for (const [name, sha] of [
      ['ci-old', previousRelease],
      ['ci-main', mainTip],
    ] as const) {
      const error = await refusal(await ciCheckout(name, sha, { fetchRelease: true }));
      expect(error.message).toContain(
        `HEAD is detached at ${sha.slice(0, 12)}, which is not the tip of origin/production (${releaseTip.slice(0, 12)})`,
      );
      expect(error.whatNext).toContain('git fetch origin production && git checkout production');
    }
  });

  it('refuses a detached HEAD when production’s tip was never fetched, saying to fetch it', async () => {
    const error = await refusal(await ciCheckout('ci-unfetched', releaseTip, { fetchRelease: false }));
    expect(error.message).toContain('origin/production was never fetched');
    expect(error.whatNext).toContain('git fetch origin production');
  });

  it('accepts a person on the production branch, and refuses any other branch', async () => {
    const clone = join(root, 'person');
    await git(root, 'clone', '-q', '-b', 'production', `file://${origin}`, clone);
    expect((await runPreflight(clone)).version).toBe(releaseTip.slice(0, 12));

    await git(clone, 'checkout', '-q', '-b', 'feature/x');
    const error = await refusal(clone);
    expect(error.message).toContain('production deploys from the production branch, and this is feature/x');
    expect(error.whatNext).toContain('git checkout production');
  });
});
