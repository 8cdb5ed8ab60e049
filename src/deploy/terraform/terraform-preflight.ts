import { relative } from 'node:path';
import { CommandNotFoundError, type CommandResult, type CommandRunner } from '../command.js';
import type { DeployEnvironment } from '../environments.js';
import { DeployError } from '../errors.js';
import { preflight } from '../preflight.js';
import type { Progress } from '../progress.js';
import { rootSettings } from './root-settings.js';
import { environmentRoot } from './roots.js';
import type { TerraformCli } from './terraform-cli.js';

export interface PreflightOptions {
  environment: DeployEnvironment;
  planOnly: boolean;
  stateBucket?: string;
}

export interface PreflightDeps {
  root: string;
  /** Runs git: the release branch, the clean tree and the version, as for the CloudFormation engine. */
  runner: CommandRunner;
  backendConfig?: string[];
}

/**
 * Terraform's own requirements (a recent enough terraform, a state bucket), then the deploy preflight every
 * engine runs: production only from its branch and a clean tree, no sample settings (here the environment
 * root's), and the git revision to report as the version. Returns that revision (undefined outside git).
 */
export async function terraformPreflight(
  terraform: TerraformCli,
  options: PreflightOptions,
  deps: PreflightDeps,
  progress: Progress,
): Promise<string | undefined> {
  await requireTerraform(terraform, progress);
  requireStateBucket(options, deps);
  const rootDir = environmentRoot(deps.root, options.environment);
  const target = {
    environment: options.environment,
    stackName: `blogapp-${options.environment}`,
    parameters: await rootSettings(rootDir),
    tags: {},
  };
  try {
    return await preflight(deps.runner, target, progress, { planOnly: options.planOnly });
  } catch (error) {
    // The settings checks name samconfig's parameters; with Terraform the same settings are the root's
    // arguments.
    if (!(error instanceof DeployError) || !error.message.includes('would deploy but not work')) throw error;
    throw new DeployError(
      error.message,
      `${error.whatNext}\nWith --engine terraform these settings are the arguments of module "stack" in ${relative(deps.root, rootDir)}/main.tf (AllowedOrigins is allowed_origins, AlarmEmail is alarm_email, and so on).`,
    );
  }
}

/** Before init, for a deploy and a rollback alike: without it init fails with no word of TF_STATE_BUCKET. */
export function requireStateBucket(
  options: { stateBucket?: string },
  deps: { backendConfig?: string[] },
): void {
  if (options.stateBucket || deps.backendConfig?.length) return;
  throw new DeployError(
    "No state bucket: Terraform keeps each environment's state in S3.",
    'Create it once with the bootstrap root (infrastructure/terraform/bootstrap, DEPLOYMENT.md, Terraform), then set TF_STATE_BUCKET to its name.',
  );
}

async function requireTerraform(terraform: TerraformCli, progress: Progress): Promise<void> {
  let version: CommandResult;
  try {
    version = await terraform.run(['version', '-json']);
  } catch (error) {
    if (error instanceof CommandNotFoundError) {
      throw new DeployError(
        'terraform is not on PATH.',
        'Install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and run again.',
      );
    }
    throw error;
  }
  const found = (JSON.parse(version.stdout) as { terraform_version: string }).terraform_version;
  const [major = 0, minor = 0] = found.split('.').map(Number);
  if (major < 1 || (major === 1 && minor < 10)) {
    throw new DeployError(
      `terraform ${found} is too old: the S3 backend's lock files need 1.10 or later.`,
      'Upgrade Terraform and run again.',
    );
  }
  progress.note(`terraform ${found}`);
}
