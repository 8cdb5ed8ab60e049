import { GetAliasCommand, type LambdaClient, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { LIVE_ALIAS } from './commands.js';
import type { Progress } from './progress.js';
import { STACK_FUNCTIONS } from './stack.js';

/** What `live` pointed at before the deploy, per function; `version` is undefined when there was none. */
export interface LiveVersion {
  name: string;
  functionName: string;
  version?: string;
}

/**
 * Reads each function's `live` alias before the deploy moves it, so a failed check can move it back.
 * `outputs` are the stack's outputs before the deploy; undefined when this deploy creates the stack.
 */
export async function recordLiveVersions(
  lambda: LambdaClient,
  outputs: Record<string, string> | undefined,
  progress: Progress,
): Promise<LiveVersion[]> {
  if (!outputs) {
    progress.note('the stack does not exist yet: this deploy creates it (nothing to roll back to)');
    return [];
  }
  const recorded: LiveVersion[] = [];
  for (const { name, output } of STACK_FUNCTIONS) {
    const functionName = outputs[output];
    if (!functionName) continue;
    const version = await lambda
      .send(new GetAliasCommand({ FunctionName: functionName, Name: LIVE_ALIAS }))
      .then((alias) => alias.FunctionVersion)
      .catch(() => undefined);
    recorded.push({ name, functionName, ...(version ? { version } : {}) });
    progress.note(`${name.padEnd(15)} ${functionName}: ${LIVE_ALIAS} = ${version ?? 'none'}`);
  }
  return recorded;
}

/**
 * Points every `live` alias back at its recorded version (the empty routing config also ends any canary
 * split). Returns the problems for the failure report; an empty list means all went back.
 */
export async function rollBackLiveVersions(
  lambda: LambdaClient,
  stackName: string,
  recorded: LiveVersion[],
  progress: Progress,
): Promise<string[]> {
  const problems: string[] = [];
  if (recorded.length === 0) {
    problems.push(
      `no earlier version to roll back to: this deploy created ${stackName}. Fix and redeploy, or delete the stack (DEPLOYMENT.md, Rollback).`,
    );
  }
  for (const { name, functionName, version } of recorded) {
    if (!version) {
      problems.push(
        `${name} (${functionName}) had no earlier ${LIVE_ALIAS} version: it stays on the new one.`,
      );
      continue;
    }
    try {
      await lambda.send(
        new UpdateAliasCommand({
          FunctionName: functionName,
          Name: LIVE_ALIAS,
          FunctionVersion: version,
          RoutingConfig: { AdditionalVersionWeights: {} },
        }),
      );
      progress.note(`${name.padEnd(15)} ${functionName}: ${LIVE_ALIAS} back to ${version}`);
    } catch (error) {
      problems.push(
        `${name} (${functionName}) could not be moved back (${(error as Error).message}); run: aws lambda update-alias --function-name ${functionName} --name ${LIVE_ALIAS} --function-version ${version} --routing-config '{"AdditionalVersionWeights":{}}'`,
      );
    }
  }
  return problems;
}
