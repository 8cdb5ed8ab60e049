import { CommandNotFoundError, type CommandRunner } from './command.js';
import { gitRevision, gitStatus } from './commands.js';
import { RELEASE_BRANCH } from './environments.js';
import { DeployError } from './errors.js';
import { readCheckout } from './preflight/release-checkout.js';
import { assertDeploySettings } from './preflight/settings-checks.js';
import type { Progress } from './progress.js';
import { firstLine } from './stack.js';
import type { Target } from './target.js';

/**
 * What must hold before anything is built: for a production deploy, the release tree (a plan changes
 * nothing, so it may come from any tree). Credentials are checked by the engine's first call. Returns the
 * revision to deploy as AppVersion, or undefined outside a git checkout (the stack keeps its own).
 */
export async function preflight(
  runner: CommandRunner,
  target: Target,
  progress: Progress,
  { planOnly }: { planOnly: boolean },
): Promise<string | undefined> {
  const releasing = target.environment === 'production' && !planOnly;
  // Settings that would deploy a stack nobody can use (sample origins, an identity provider without its
  // settings), and production off its branch's tip: a plan changes nothing, so it may come from anywhere.
  const checkout = releasing ? await readCheckout(runner) : undefined;
  assertDeploySettings({
    environment: target.environment,
    parameters: target.parameters,
    ...(checkout ? { checkout } : {}),
  });
  progress.note(`settings: ${target.parameters.AuthProvider ?? 'default'} sign-in, no sample values left`);
  if (releasing) await cleanTree(runner, progress);
  return revision(runner, progress);
}
async function revision(runner: CommandRunner, progress: Progress): Promise<string | undefined> {
  const result = await runner.run(gitRevision).catch((error: unknown) => {
    if (error instanceof CommandNotFoundError) return undefined;
    throw error;
  });
  if (result?.code !== 0) {
    progress.note(
      'version: not a git checkout, so AppVersion is not passed (the stack keeps its previous one)',
    );
    return undefined;
  }
  const version = result.stdout.trim();
  progress.note(`version: ${version} (AppVersion, reported by /api/health)`);
  return version;
}

/** Production ships exactly what is committed, nothing local. */
async function cleanTree(runner: CommandRunner, progress: Progress): Promise<void> {
  const status = await runner.run(gitStatus);
  if (status.code !== 0) {
    throw new DeployError(
      `Could not read the git tree: ${firstLine(status.stderr)}`,
      'Production deploys run from a git checkout of the release branch; run from one.',
    );
  }
  const changes = status.stdout.split('\n').filter(Boolean);
  if (changes.length > 0) {
    throw new DeployError(
      `Production deploys need a clean tree; ${changes.length} uncommitted change(s):\n${changes.map((c) => `        ${c}`).join('\n')}`,
      `Commit or stash them, or deploy from a clean checkout of \`${RELEASE_BRANCH}\`.`,
    );
  }
  progress.note(`git: clean tree on ${RELEASE_BRANCH}`);
}
