import { UsageError } from './errors.js';

export const DEPLOY_ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

// The seeds say `dev` and `prod` (`scripts/deploy.sh dev`); the stacks and samconfig sections use the full names.
const ALIASES: Record<string, DeployEnvironment> = { dev: 'development', prod: 'production' };

/** Production deploys only from this branch (or a manual CI run of it), with a clean tree. */
export const RELEASE_BRANCH = 'production';

export function parseEnvironment(value: string | undefined): DeployEnvironment {
  if (!value) throw new UsageError(`--env is required: one of ${DEPLOY_ENVIRONMENTS.join(', ')}.`);
  const name = ALIASES[value] ?? value;
  if (!(DEPLOY_ENVIRONMENTS as readonly string[]).includes(name)) {
    throw new UsageError(
      `--env ${value} is not an environment: use one of ${DEPLOY_ENVIRONMENTS.join(', ')}.`,
    );
  }
  return name as DeployEnvironment;
}
