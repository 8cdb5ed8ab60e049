import type { CommonArgs } from './cli-args.js';
import type { CommandRunner } from './command.js';
import { describeAlarms, getAlias, LIVE_ALIAS } from './commands.js';
import { DeployError } from './errors.js';
import type { Print } from './progress.js';
import { describeStack, firstLine, stackFunctions } from './stack.js';
import { loadTarget, type Target } from './target.js';

interface AlarmsAnswer {
  MetricAlarms?: { AlarmName?: string; StateValue?: string; StateReason?: string }[];
  CompositeAlarms?: { AlarmName?: string; StateValue?: string; StateReason?: string }[];
}

/** `npm run status -- --env <env>`: the stack's state and outputs, its alarms, and what `live` runs. */
export async function runStatus(
  args: CommonArgs,
  { runner, print, root }: { runner: CommandRunner; print: Print; root: string },
): Promise<void> {
  const target = await loadTarget(root, args.environment, args);
  const stack = await describeStack(runner, target);
  if (!stack) {
    throw new DeployError(
      `Stack ${target.stackName} does not exist${target.region ? ` in ${target.region}` : ''}.`,
      `Deploy it first: \`npm run deploy -- --env ${target.environment}\` (DEPLOYMENT.md, First-time setup).`,
    );
  }
  print(`${target.stackName}${target.region ? ` (${target.region})` : ''}: ${stack.status}`);
  print('Outputs');
  const width = Math.max(0, ...Object.keys(stack.outputs).map((key) => key.length));
  for (const [key, value] of Object.entries(stack.outputs)) print(`  ${key.padEnd(width)}  ${value}`);

  print('Alarms');
  for (const line of await alarmLines(runner, target)) print(`  ${line}`);

  print(`Live alias (${LIVE_ALIAS})`);
  for (const { name, functionName } of stackFunctions(stack)) {
    const alias = await runner.run(getAlias(target, functionName));
    const version =
      alias.code === 0
        ? `version ${(JSON.parse(alias.stdout) as { FunctionVersion?: string }).FunctionVersion}`
        : `unreadable (${firstLine(alias.stderr)})`;
    print(`  ${name.padEnd(15)} ${functionName}: ${version}`);
  }
}

async function alarmLines(runner: CommandRunner, target: Target): Promise<string[]> {
  const result = await runner.run(describeAlarms(target));
  if (result.code !== 0) return [`unreadable (${firstLine(result.stderr)})`];
  const answer = JSON.parse(result.stdout) as AlarmsAnswer;
  const alarms = [...(answer.MetricAlarms ?? []), ...(answer.CompositeAlarms ?? [])];
  if (alarms.length === 0) return [`none named ${target.stackName}*`];
  // Firing alarms first: they are what the operator came to see.
  const order = (state?: string) => (state === 'ALARM' ? 0 : state === 'INSUFFICIENT_DATA' ? 1 : 2);
  return alarms
    .sort((a, b) => order(a.StateValue) - order(b.StateValue))
    .map(
      (a) =>
        `${(a.StateValue ?? '?').padEnd(17)} ${a.AlarmName}${a.StateValue === 'ALARM' ? ` — ${a.StateReason}` : ''}`,
    );
}
