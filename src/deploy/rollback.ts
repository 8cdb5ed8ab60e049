import type { LambdaAliases } from './canary/ports.js';
import { rollBackLive } from './canary/rollback.js';
import type { StackOutputs } from './engines/engine.js';
import { DeployError } from './errors.js';
import type { Print } from './progress.js';
import { STACK_FUNCTIONS } from './stack.js';

/**
 * `npm run deploy -- --env <env> --rollback` on the CloudFormation engine: every function the stack's outputs
 * name moves its `live` alias back one version (the Terraform engine does the same from its state).
 */
export async function rollBackStack(
  stackName: string,
  outputs: StackOutputs | undefined,
  deps: { aliases: LambdaAliases; print: Print },
): Promise<void> {
  const names = STACK_FUNCTIONS.flatMap(({ output }) =>
    outputs?.[output] ? [outputs[output] as string] : [],
  );
  if (names.length === 0) {
    throw new DeployError(`Stack ${stackName} does not exist or names no functions.`, 'Deploy it first.');
  }
  await rollBackLive(names, deps.aliases, deps.print);
  deps.print(`Rolled back: every live alias of ${stackName} is on its previous version.`);
}
