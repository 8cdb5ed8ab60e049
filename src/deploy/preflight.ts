import { CommandNotFoundError, type CommandRunner } from './command.js';
import { callerIdentity, gitBranch, gitRevision, gitStatus, versionOf } from './commands.js';
import { RELEASE_BRANCH } from './environments.js';
import { DeployError } from './errors.js';
import type { Progress } from './progress.js';
import { firstLine } from './stack.js';
import type { Target } from './target.js';

const INSTALL = {
  sam: 'Install the AWS SAM CLI (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html; macOS: `brew install aws-sam-cli`), then run again.',
  aws: 'Install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), then run again.',
};

/**
 * Everything that must hold before anything is built: the tools, for production the release tree, credentials.
 * Returns the revision to deploy as AppVersion, or undefined outside a git checkout (the stack keeps its own).
 */
export async function preflight(
  runner: CommandRunner,
  target: Target,
  progress: Progress,
): Promise<string | undefined> {
  for (const program of ['sam', 'aws'] as const) {
    const version = await runner.run(versionOf(program)).catch((error: unknown) => {
      if (error instanceof CommandNotFoundError) {
        throw new DeployError(
          `The ${program === 'sam' ? 'AWS SAM' : 'AWS'} CLI (\`${program}\`) is not installed or not on PATH.`,
          INSTALL[program],
        );
      }
      throw error;
    });
    if (version.code !== 0) {
      throw new DeployError(
        `\`${program} --version\` failed: ${firstLine(version.stderr)}`,
        INSTALL[program],
      );
    }
    if (!runner.dryRun) progress.note(`${program}: ${firstLine(version.stdout || version.stderr)}`);
  }
  if (target.environment === 'production') await releaseTree(runner, progress);
  await credentials(runner, target, progress);
  return revision(runner, progress);
}

async function revision(runner: CommandRunner, progress: Progress): Promise<string | undefined> {
  const result = await runner.run(gitRevision).catch((error: unknown) => {
    if (error instanceof CommandNotFoundError) return undefined;
    throw error;
  });
  if (runner.dryRun) return '<git revision>';
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

/** Production ships exactly what is committed on the release branch, nothing local. */
async function releaseTree(runner: CommandRunner, progress: Progress): Promise<void> {
  const status = await runner.run(gitStatus);
  const branch = await runner.run(gitBranch);
  if (runner.dryRun) return;
  if (status.code !== 0 || branch.code !== 0) {
    throw new DeployError(
      `Could not read the git tree: ${firstLine(status.stderr || branch.stderr)}`,
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
  const current = branch.stdout.trim();
  if (current !== RELEASE_BRANCH) {
    throw new DeployError(
      `Production deploys from the \`${RELEASE_BRANCH}\` branch; this checkout is on \`${current}\`.`,
      `Merge into \`${RELEASE_BRANCH}\` and deploy from there (CI does on push), or start the deploy workflow by hand on \`${RELEASE_BRANCH}\`.`,
    );
  }
  progress.note(`git: clean tree on ${RELEASE_BRANCH}`);
}

async function credentials(runner: CommandRunner, target: Target, progress: Progress): Promise<void> {
  const identity = await runner.run(callerIdentity(target));
  if (runner.dryRun) return;
  if (identity.code !== 0) {
    const profile = target.profile ? ` --profile ${target.profile}` : '';
    throw new DeployError(
      `AWS credentials are missing or not valid: ${firstLine(identity.stderr)}`,
      `Sign in (\`aws sso login${profile}\`, or \`aws configure${profile}\`), or pass --profile; check with \`aws sts get-caller-identity${profile}\`.`,
    );
  }
  const { Account, Arn } = JSON.parse(identity.stdout) as { Account?: string; Arn?: string };
  progress.note(`aws: account ${Account} as ${Arn}${target.region ? `, region ${target.region}` : ''}`);
}
