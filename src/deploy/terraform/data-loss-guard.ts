import type { DeployEnvironment } from '../environments.js';
import { DeployError } from '../errors.js';
import { destructiveChanges, type ResourceChange, STATEFUL_TYPES } from './plan-changes.js';

/** What the guard needs of the deploy's options: what to allow, and how to print the command to run again. */
export interface ReplacementOptions {
  environment: DeployEnvironment;
  /** Terraform addresses whose replacement or deletion (data loss) is intended (--allow-replacement). */
  allowReplacement: string[];
  planOnly: boolean;
  autoApprove: boolean;
  skipSmoke: boolean;
  region?: string;
  profile?: string;
}

/**
 * Refuses a plan that replaces or deletes a stateful resource its address was not named for, and a name
 * that is none of the plan's: a typo must not pass for permission. Returns the allowed data-losing changes.
 */
export function refuseDataLoss(changes: ResourceChange[], options: ReplacementOptions): ResourceChange[] {
  const destructive = destructiveChanges(changes);
  const addresses = destructive.map(({ address }) => address);
  const unknown = options.allowReplacement.filter((name) => !addresses.includes(name));
  if (unknown.length > 0) {
    throw new DeployError(
      `--allow-replacement ${unknown.join(', ')}: ${unknown.length === 1 ? 'it is' : 'they are'} not among what this plan replaces or deletes (${addresses.length > 0 ? addresses.join(', ') : 'no table, bucket, secret or user pool'}), so nothing was applied.`,
      `Name a resource by its Terraform address as the plan table above shows it (a -/+ replace or - delete row), or leave the option out: ${deployCommand(options, [])}`,
    );
  }
  const refused = destructive.filter(({ address }) => !options.allowReplacement.includes(address));
  if (refused.length === 0) return destructive;
  const lines = refused.map(
    ({ action, address, type }) => `        ${address} (${action}): lost would be ${STATEFUL_TYPES[type]}`,
  );
  throw new DeployError(
    `The plan would ${refused.map(({ action, address }) => `${action} ${address}`).join(', ')}: that loses ${refused.length === 1 ? 'its' : 'their'} data, so nothing was applied.\n${lines.join('\n')}`,
    `If a key, index or name change made this, undo it, or migrate the data first (DEPLOYMENT.md, Terraform). To lose the data anyway, back it up, then run: ${deployCommand(options, addresses)}`,
  );
}

/** The deploy command with these options, allowing exactly `allowed`, ready to paste into a shell. */
function deployCommand(options: ReplacementOptions, allowed: string[]): string {
  const args = [
    '--env',
    options.environment,
    '--engine',
    'terraform',
    ...(options.region ? ['--region', options.region] : []),
    ...(options.profile ? ['--profile', options.profile] : []),
    ...(options.planOnly ? ['--plan-only'] : []),
    ...(options.autoApprove ? ['--auto-approve'] : []),
    ...(options.skipSmoke ? ['--skip-smoke'] : []),
    ...allowed.flatMap((address) => ['--allow-replacement', address]),
  ];
  return `npm run deploy -- ${args.map(shellWord).join(' ')}`;
}

/** Addresses of counted or keyed resources hold brackets and quotes: single-quoted for the shell. */
const shellWord = (word: string) =>
  /^[\w./:=@-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
