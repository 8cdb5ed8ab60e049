import type { CommonArgs } from './cli-args.js';
import { CommandNotFoundError, type CommandRunner } from './command.js';
import { functionConfiguration, samLogs, tailLogGroup } from './commands.js';
import { DeployError, UsageError } from './errors.js';
import { describeStack, firstLine, STACK_FUNCTIONS } from './stack.js';
import { loadTarget } from './target.js';

export interface LogsArgs extends CommonArgs {
  follow: boolean;
  function?: string;
}

/**
 * `npm run logs -- --env <env> [--follow] [--function api|websocket|comment-stream|broadcast]`: every function's
 * logs through `sam logs`, or one function's through `aws logs tail` on the log group Lambda reports for it
 * (so a custom log group in the template is still found).
 */
export async function runLogs(
  args: LogsArgs,
  { runner, root }: { runner: CommandRunner; root: string },
): Promise<number> {
  const target = await loadTarget(root, args.environment, args);
  const follow = { follow: args.follow };
  if (!args.function) {
    return runner.run(samLogs(target, follow)).then(
      (run) => run.code,
      (error: unknown) => {
        if (!(error instanceof CommandNotFoundError)) throw error;
        throw new DeployError(
          'Every function’s logs at once come through `sam logs`, and the AWS SAM CLI is not on PATH.',
          `Read one function’s with the AWS CLI alone (\`npm run logs -- --env ${target.environment} --function api\`, or websocket, comment-stream, broadcast), or install the SAM CLI (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html).`,
        );
      },
    );
  }

  const known = STACK_FUNCTIONS.find((f) => f.name === args.function);
  if (!known) {
    throw new UsageError(
      `--function ${args.function} is not one of ${STACK_FUNCTIONS.map((f) => f.name).join(', ')}.`,
    );
  }
  const stack = await describeStack(runner, target);
  const functionName = stack?.outputs[known.output];
  if (!functionName) {
    throw new DeployError(
      `Stack ${target.stackName} ${stack ? `has no ${known.output} output` : 'does not exist'}.`,
      `Deploy it (\`npm run deploy -- --env ${target.environment}\`), then run again.`,
    );
  }
  const configuration = await runner.run(functionConfiguration(target, functionName));
  if (configuration.code !== 0) {
    throw new DeployError(
      `Could not read ${functionName}'s configuration: ${firstLine(configuration.stderr)}`,
      'Check the region and credentials (`aws sts get-caller-identity`), then run again.',
    );
  }
  const logGroup =
    (JSON.parse(configuration.stdout) as { LoggingConfig?: { LogGroup?: string } }).LoggingConfig?.LogGroup ??
    `/aws/lambda/${functionName}`;
  return (await runner.run(tailLogGroup(target, logGroup, follow))).code;
}
