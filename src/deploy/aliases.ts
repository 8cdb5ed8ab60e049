import type { CommandRunner } from './command.js';
import { formatCommand } from './command.js';
import { getAlias, LIVE_ALIAS, updateAlias } from './commands.js';
import type { Progress } from './progress.js';
import { firstLine, type StackInfo, stackFunctions } from './stack.js';
import type { Target } from './target.js';

/** What `live` pointed at before the deploy, per function; `version` is undefined when there was none. */
export interface LiveVersion {
  name: string;
  functionName: string;
  version?: string;
}

/** Reads each function's `live` alias before the deploy moves it, so a failed check can move it back. */
export async function recordLiveVersions(
  runner: CommandRunner,
  target: Target,
  stack: StackInfo | undefined,
  progress: Progress,
): Promise<LiveVersion[]> {
  if (!stack) {
    progress.note(
      `stack ${target.stackName} does not exist yet: this deploy creates it (nothing to roll back to)`,
    );
    return [];
  }
  const recorded: LiveVersion[] = [];
  for (const { name, functionName } of stackFunctions(stack)) {
    const result = await runner.run(getAlias(target, functionName));
    if (runner.dryRun) {
      recorded.push({ name, functionName, version: `<${name} live version>` });
      continue;
    }
    const version =
      result.code === 0
        ? (JSON.parse(result.stdout) as { FunctionVersion?: string }).FunctionVersion
        : undefined;
    recorded.push({ name, functionName, ...(version ? { version } : {}) });
    progress.note(`${name.padEnd(15)} ${functionName}: ${LIVE_ALIAS} = ${version ?? 'none'}`);
  }
  return recorded;
}

/**
 * Points every `live` alias back at its recorded version. Returns the problems (an alias that could not be
 * moved, a function that had no earlier version) for the failure report; an empty list means all went back.
 */
export async function rollBackLiveVersions(
  runner: CommandRunner,
  target: Target,
  recorded: LiveVersion[],
  progress: Progress,
): Promise<string[]> {
  const problems: string[] = [];
  if (recorded.length === 0) {
    problems.push(
      `no earlier version to roll back to: this deploy created ${target.stackName}. Fix and redeploy, or delete the stack (DEPLOYMENT.md, Rollback).`,
    );
  }
  for (const { name, functionName, version } of recorded) {
    if (!version) {
      problems.push(
        `${name} (${functionName}) had no earlier ${LIVE_ALIAS} version: it stays on the new one.`,
      );
      continue;
    }
    const command = updateAlias(target, functionName, version);
    const result = await runner.run(command);
    if (runner.dryRun) continue;
    if (result.code === 0) {
      progress.note(`${name.padEnd(15)} ${functionName}: ${LIVE_ALIAS} back to ${version}`);
    } else {
      problems.push(
        `${name} (${functionName}) could not be moved back (${firstLine(result.stderr)}); run: ${formatCommand(command)}`,
      );
    }
  }
  return problems;
}
