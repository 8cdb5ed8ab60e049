import type { Command } from './command.js';
import type { Target } from './target.js';

/**
 * Every external command the CLIs run, built in one place so the tests and DEPLOYMENT.md agree on the exact
 * argv.
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

export const gitStatus: Command = { program: 'git', args: ['status', '--porcelain'] };
/** The branch HEAD is on; `HEAD` when detached (CI checks out the very commit it tested). */
export const gitBranch: Command = { program: 'git', args: ['rev-parse', '--abbrev-ref', 'HEAD'] };
export const gitHeadCommit: Command = { program: 'git', args: ['rev-parse', '--verify', 'HEAD^{commit}'] };
/** The commit a branch pointed at when origin was last fetched; exits 1, printing nothing, when never fetched. */
export const gitRemoteBranchTip = (branch: string): Command => ({
  program: 'git',
  args: ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}^{commit}`],
});
/** What /api/health reports as the version: the commit, marked `-dirty` when the tree has local changes. */
export const gitRevision: Command = {
  program: 'git',
  args: ['describe', '--always', '--dirty', '--abbrev=12'],
};

export const describeStacks = (target: Target) =>
  aws(target, 'cloudformation', 'describe-stacks', '--stack-name', target.stackName);

export const LIVE_ALIAS = 'live';

export const getAlias = (target: Target, functionName: string) =>
  aws(target, 'lambda', 'get-alias', '--function-name', functionName, '--name', LIVE_ALIAS);

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
