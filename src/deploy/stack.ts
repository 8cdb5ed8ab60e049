import type { CommandRunner } from './command.js';
import { describeStacks } from './commands.js';
import { DeployError } from './errors.js';
import type { Target } from './target.js';

/** The stack's functions: the name `logs --function` takes, and the stack output holding the function's name. */
export const STACK_FUNCTIONS = [
  { name: 'api', output: 'ApiFunctionName' },
  { name: 'websocket', output: 'WebSocketFunctionName' },
  { name: 'comment-stream', output: 'CommentStreamFunctionName' },
  { name: 'broadcast', output: 'BroadcastFunctionName' },
] as const;
export type StackFunctionName = (typeof STACK_FUNCTIONS)[number]['name'];

export interface StackInfo {
  status: string;
  outputs: Record<string, string>;
}

interface DescribeStacksAnswer {
  Stacks?: { StackStatus?: string; Outputs?: { OutputKey?: string; OutputValue?: string }[] }[];
}

/** The stack's status and outputs; undefined when the stack does not exist yet (a first deploy). */
export async function describeStack(runner: CommandRunner, target: Target): Promise<StackInfo | undefined> {
  const result = await runner.run(describeStacks(target));
  if (result.code !== 0) {
    if (/does not exist/i.test(result.stderr)) return undefined;
    throw new DeployError(
      `Could not read stack ${target.stackName}: ${firstLine(result.stderr)}`,
      'Check the region and credentials (`aws sts get-caller-identity`), then run again.',
    );
  }
  const stack = (JSON.parse(result.stdout) as DescribeStacksAnswer).Stacks?.[0];
  const outputs: Record<string, string> = {};
  for (const output of stack?.Outputs ?? []) {
    if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  return { status: stack?.StackStatus ?? 'UNKNOWN', outputs };
}

/** The function names the stack's outputs name, by their short names. */
export function stackFunctions(stack: StackInfo): { name: StackFunctionName; functionName: string }[] {
  return STACK_FUNCTIONS.flatMap(({ name, output }) => {
    const functionName = stack.outputs[output];
    return functionName ? [{ name, functionName }] : [];
  });
}

export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? 'no error output'
  );
}
