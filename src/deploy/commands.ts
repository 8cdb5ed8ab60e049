import type { Command } from './command.js';
import { SAM_DIR, type Target } from './target.js';

/**
 * Every external command the CLIs run, built in one place so `--dry-run`, the tests and DEPLOYMENT.md agree on
 * the exact argv.
 */
function aws(target: Target, ...args: string[]): Command {
  return {
    program: 'aws',
    args: [
      ...args,
      ...(target.region ? ['--region', target.region] : []),
      ...(target.profile ? ['--profile', target.profile] : []),
      '--output',
      'json',
    ],
  };
}

export const versionOf = (program: 'sam' | 'aws'): Command => ({ program, args: ['--version'] });

export const callerIdentity = (target: Target) => aws(target, 'sts', 'get-caller-identity');

export const gitStatus: Command = { program: 'git', args: ['status', '--porcelain'] };
export const gitBranch: Command = { program: 'git', args: ['rev-parse', '--abbrev-ref', 'HEAD'] };
/** What /api/health reports as the version: the commit, marked `-dirty` when the tree has local changes. */
export const gitRevision: Command = {
  program: 'git',
  args: ['describe', '--always', '--dirty', '--abbrev=12'],
};

/** Builds with the template's own esbuild settings (Metadata/BuildProperties). */
export const samBuild = (target: Target): Command => ({
  program: 'sam',
  args: ['build', '--config-env', target.environment],
  cwd: SAM_DIR,
  stream: true,
});

/**
 * `execute: false` creates and prints the change set only. The CLI confirms production itself, so sam never
 * prompts (a prompt would hang CI); an unchanged stack is not an error, so a redeploy still gets its smoke run.
 * `parameterOverrides` is the whole list (samconfig's included, see `withAppVersion`).
 */
export const samDeploy = (
  target: Target,
  { execute, parameterOverrides }: { execute: boolean; parameterOverrides?: string },
): Command => ({
  program: 'sam',
  args: [
    'deploy',
    '--config-env',
    target.environment,
    ...target.samOverrides,
    ...(parameterOverrides ? ['--parameter-overrides', parameterOverrides] : []),
    execute ? '--no-confirm-changeset' : '--no-execute-changeset',
    '--no-fail-on-empty-changeset',
  ],
  cwd: SAM_DIR,
  stream: true,
});

export const describeStacks = (target: Target) =>
  aws(target, 'cloudformation', 'describe-stacks', '--stack-name', target.stackName);

export const describeStackEvents = (target: Target) =>
  aws(
    target,
    'cloudformation',
    'describe-stack-events',
    '--stack-name',
    target.stackName,
    '--max-items',
    '20',
  );

export const LIVE_ALIAS = 'live';

export const getAlias = (target: Target, functionName: string) =>
  aws(target, 'lambda', 'get-alias', '--function-name', functionName, '--name', LIVE_ALIAS);

/** Points `live` wholly at `version`: the empty routing config also ends any canary split still in place. */
export const updateAlias = (target: Target, functionName: string, version: string) =>
  aws(
    target,
    'lambda',
    'update-alias',
    '--function-name',
    functionName,
    '--name',
    LIVE_ALIAS,
    '--function-version',
    version,
    '--routing-config',
    '{"AdditionalVersionWeights":{}}',
  );

export const describeAlarms = (target: Target) =>
  aws(target, 'cloudwatch', 'describe-alarms', '--alarm-name-prefix', target.stackName);

export const functionConfiguration = (target: Target, functionName: string) =>
  aws(target, 'lambda', 'get-function-configuration', '--function-name', functionName);

/** All of the stack's functions at once: sam finds their log groups from the stack. */
export const samLogs = (target: Target, { follow }: { follow: boolean }): Command => ({
  program: 'sam',
  args: [
    'logs',
    '--stack-name',
    target.stackName,
    ...(target.region ? ['--region', target.region] : []),
    ...(target.profile ? ['--profile', target.profile] : []),
    ...(follow ? ['--tail'] : []),
  ],
  interactive: true,
});

export const tailLogGroup = (target: Target, logGroup: string, { follow }: { follow: boolean }): Command => ({
  program: 'aws',
  args: [
    'logs',
    'tail',
    logGroup,
    '--since',
    '1h',
    '--format',
    'short',
    ...(follow ? ['--follow'] : []),
    ...(target.region ? ['--region', target.region] : []),
    ...(target.profile ? ['--profile', target.profile] : []),
  ],
  interactive: true,
});
