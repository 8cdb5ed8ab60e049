import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runCanary } from '../canary/canary-controller.js';
import { type AlarmWatch, type AliasState, type Clock, type LambdaAliases, LIVE } from '../canary/ports.js';
import { rollBackLive } from '../canary/rollback.js';
import type { CommandResult, CommandRunner } from '../command.js';
import type { StackOutputs } from '../engines/engine.js';
import type { DeployEnvironment } from '../environments.js';
import { DeployError, missingCredentials } from '../errors.js';
import { type Print, Progress } from '../progress.js';
import { STACK_FUNCTIONS } from '../stack.js';
import type { FunctionZip } from './bundles.js';
import { refuseDataLoss } from './data-loss-guard.js';
import { ensureLoginBranding, type LoginBrandings } from './login-branding.js';
import { formatChangeTable, type PlanJson, planChanges } from './plan-changes.js';
import { environmentRoot } from './roots.js';
import type { TerraformCli } from './terraform-cli.js';
import { requireStateBucket, terraformPreflight } from './terraform-preflight.js';

export interface TerraformDeployOptions {
  environment: DeployEnvironment;
  planOnly: boolean;
  autoApprove: boolean;
  /** Terraform addresses of the stateful resources the plan may replace or delete (refused otherwise). */
  allowReplacement: string[];
  skipSmoke: boolean;
  smokeToken?: string;
  /** The state bucket the bootstrap root created (TF_STATE_BUCKET). */
  stateBucket?: string;
  /** --region: the provider's region (the `region` variable); the SDK clients get it from the deps. */
  region?: string;
  /** --profile: only to print the command to run again, and how to sign in. */
  profile?: string;
}

export interface TerraformDeployDeps {
  /** The project root. */
  root: string;
  /** Runs git for the preflight (release branch, clean tree, the version /api/health reports). */
  runner: CommandRunner;
  print: Print;
  interactive: boolean;
  confirm(question: string): Promise<boolean>;
  /** terraform in the environment's root directory. */
  terraform(cwd: string): TerraformCli;
  buildZips(outDir: string): Promise<FunctionZip[]>;
  aliases: LambdaAliases;
  alarms: AlarmWatch;
  clock: Clock;
  /** The web client's managed login branding (no Terraform resource for it in the pinned provider). */
  loginBrandings: LoginBrandings;
  /** Publishes the web client to the site the outputs name (deploySite, as the CloudFormation engine does). */
  publishSite(outputs: StackOutputs, progress: Progress): Promise<void>;
  /** Health check and smoke suite against the outputs; the failure, or undefined when all passed. */
  verify(outputs: Outputs, progress: Progress): Promise<string | undefined>;
  /** More `-backend-config` arguments (the tests point the backend at moto with a file). */
  backendConfig?: string[];
  /** More `-var` values (the tests set the emulator's endpoint). */
  variables?: Record<string, string>;
  /** Where bundles and the saved plan go; dist/terraform/<env> under the root by default. */
  workDir?: string;
  /** Told the string outputs once applied, before the checks (--outputs-file writes them). */
  reportOutputs?(outputs: StackOutputs): Promise<void>;
}

export type Outputs = Record<string, unknown>;

const FUNCTION_OUTPUTS = STACK_FUNCTIONS.map((fn) => fn.output);

/**
 * `npm run deploy -- --env <env> --engine terraform`: build and zip the bundles, init, a saved plan shown as a
 * table (refused if it replaces stateful resources), then, unless --plan-only, apply that plan, read the
 * outputs, run production's canary, and verify — moving `live` back when the new version does not work.
 */
export async function runTerraformDeploy(
  options: TerraformDeployOptions,
  deps: TerraformDeployDeps,
): Promise<Outputs | undefined> {
  const { print } = deps;
  const production = options.environment === 'production';
  const asks = production && !options.autoApprove && !options.planOnly;
  if (asks && !deps.interactive) {
    throw new DeployError(
      'Production deploys ask for confirmation, and there is no terminal to ask on.',
      'Run it from a terminal, or pass --auto-approve (CI does, behind its own approval gate).',
    );
  }
  const cwd = environmentRoot(deps.root, options.environment);
  const workDir = deps.workDir ?? join(deps.root, 'dist/terraform', options.environment);
  const bundleDir = join(workDir, 'bundles');
  const planFile = join(workDir, `${options.environment}.tfplan`);
  const terraform = deps.terraform(cwd);

  print(
    `blogapp ${options.planOnly ? 'plan' : 'deploy'} → ${options.environment} (Terraform, ${relative(deps.root, cwd)}${options.region ? `, ${options.region}` : ''})`,
  );
  const progress = new Progress(print, options.planOnly ? 4 : production ? 10 : 9);

  const appVersion = await progress.step('preflight', () =>
    terraformPreflight(terraform, options, deps, progress),
  );
  await progress.step('bundles (esbuild, deterministic zips)', async () => {
    await mkdir(workDir, { recursive: true });
    for (const zip of await deps.buildZips(bundleDir)) {
      progress.note(`${zip.logicalId.padEnd(22)} ${(zip.bytes / 1024).toFixed(1).padStart(8)} KiB`);
    }
  });
  await progress.step('terraform init', () => init(terraform, options, deps));

  const changes = await progress.step('terraform plan', async () => {
    const variables = {
      bundle_dir: bundleDir,
      ...(appVersion ? { app_version: appVersion } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...deps.variables,
    };
    await mustSucceed(
      terraform,
      ['plan', '-input=false', '-no-color', `-out=${planFile}`, ...varArgs(variables)],
      'terraform plan',
      true,
    ).catch((error: unknown) => {
      throw missingBoundary(error, options.environment) ?? error;
    });
    const shown = await mustSucceed(terraform, ['show', '-json', '-no-color', planFile], 'terraform show');
    const changes = planChanges(JSON.parse(shown.stdout) as PlanJson);
    for (const line of formatChangeTable(changes)) progress.note(line);
    const allowed = refuseDataLoss(changes, options);
    for (const { action, address } of allowed) {
      progress.note(`--allow-replacement ${address}: ${action}, its data will be lost`);
    }
    return changes;
  });

  if (options.planOnly) {
    print(
      `Plan only: saved as ${relative(deps.root, planFile)}, nothing applied. Deploy with the same command without --plan-only.`,
    );
    return undefined;
  }

  const before = await liveVersions(terraform, deps.aliases);
  await progress.step('terraform apply (the saved plan)', async () => {
    if (changes.length === 0) return progress.note('nothing to apply');
    if (asks && !(await deps.confirm(`Apply these ${changes.length} changes to production? [y/N] `))) {
      throw new DeployError('Not confirmed: nothing was applied.', 'Run again when the plan looks right.');
    }
    await mustSucceed(terraform, ['apply', '-input=false', '-no-color', planFile], 'terraform apply', true);
  });

  const outputs = await progress.step('read outputs', async () => {
    const outputs = await readOutputs(terraform);
    progress.note(`ApiUrl ${outputs.ApiUrl}, WebSocketURL ${outputs.WebSocketURL}`);
    await deps.reportOutputs?.(stringOutputs(outputs));
    return outputs;
  });

  if (production) {
    await progress.step('canary (10 % of live, alarms watched)', async () => {
      const published = outputs.PublishedVersions as Record<string, string>;
      await runCanary(
        {
          functions: Object.entries(published).map(([functionName, version]) => ({ functionName, version })),
          alarmNames: outputs.CanaryAlarmNames as string[],
        },
        {
          aliases: deps.aliases,
          alarms: deps.alarms,
          clock: deps.clock,
          print: (line) => progress.note(line),
        },
      );
    });
  }

  // Before the checks, so the smoke suite meets the web client that goes with these functions.
  await progress.step('managed login branding', () =>
    ensureLoginBranding(stringOutputs(outputs), deps.loginBrandings, progress),
  );
  await progress.step('web client', () => deps.publishSite(stringOutputs(outputs), progress));

  await progress.step('health check and smoke suite', async () => {
    const failure = await deps.verify(outputs, progress);
    if (!failure) return;
    const restored = await restoreLive(before, deps.aliases, progress);
    throw new DeployError(
      `${failure}. ${restored ? 'Every live alias was moved back to its previous version.' : 'This deploy created the functions: there was no earlier version to go back to.'}`,
      `See what failed with \`npm run logs -- --env ${options.environment}\`; fix it and deploy again (Terraform's state still describes the new version until then).`,
    );
  });

  print(
    `Deployed blogapp-${options.environment}: ${outputs.ApiUrl} · ${outputs.WebSocketURL}\n  dashboard ${outputs.DashboardURL}`,
  );
  return outputs;
}

/** `npm run deploy -- --env <env> --engine terraform --rollback`: each `live` alias back one version. */
export async function runTerraformRollback(
  options: Pick<TerraformDeployOptions, 'environment' | 'stateBucket' | 'profile'>,
  deps: Pick<TerraformDeployDeps, 'root' | 'print' | 'terraform' | 'aliases' | 'backendConfig'>,
): Promise<void> {
  requireStateBucket(options, deps);
  const terraform = deps.terraform(environmentRoot(deps.root, options.environment));
  await init(terraform, options, deps);
  const outputs = await readOutputs(terraform);
  const names = FUNCTION_OUTPUTS.map((key) => outputs[key]).filter(
    (name): name is string => typeof name === 'string',
  );
  if (names.length === 0) {
    throw new DeployError(
      `blogapp-${options.environment} has no functions in its Terraform state.`,
      'Deploy it first.',
    );
  }
  await rollBackLive(names, deps.aliases, deps.print);
  deps.print(
    `Rolled back: every ${LIVE} alias of blogapp-${options.environment} is on its previous version.`,
  );
}

function init(
  terraform: TerraformCli,
  options: Pick<TerraformDeployOptions, 'stateBucket' | 'profile'>,
  deps: Pick<TerraformDeployDeps, 'backendConfig'>,
) {
  const backend = [
    ...(options.stateBucket ? [`bucket=${options.stateBucket}`] : []),
    ...(deps.backendConfig ?? []),
  ];
  return mustSucceed(
    terraform,
    [
      'init',
      '-input=false',
      '-no-color',
      '-reconfigure',
      ...backend.map((config) => `-backend-config=${config}`),
    ],
    'terraform init',
  ).catch((error: unknown) => {
    // The S3 backend is the first thing to call AWS: say how to sign in, as the SAM engine's first call does.
    if (error instanceof DeployError && TERRAFORM_CREDENTIAL_ERRORS.test(error.message)) {
      throw missingCredentials(
        error.message.replace(/^terraform init failed \(exit \d+\): /, ''),
        options.profile,
      );
    }
    throw error;
  });
}

/** How Terraform's AWS backend says it has no credentials, or refused ones. */
const TERRAFORM_CREDENTIAL_ERRORS =
  /No valid credential sources found|failed to refresh cached credentials|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|security token included in the request is (invalid|expired)/;

async function readOutputs(terraform: TerraformCli): Promise<Outputs> {
  const result = await mustSucceed(terraform, ['output', '-json', '-no-color'], 'terraform output');
  const raw = JSON.parse(result.stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(raw).map(([key, { value }]) => [key, value]));
}

/** The outputs the site publisher reads are strings; the maps (versions, alarm names) are the canary's. */
const stringOutputs = (outputs: Outputs): StackOutputs =>
  Object.fromEntries(
    Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

/** Where each function's `live` points before the apply moves it (nothing on the first deploy). */
async function liveVersions(
  terraform: TerraformCli,
  aliases: LambdaAliases,
): Promise<Map<string, AliasState>> {
  const recorded = new Map<string, AliasState>();
  const outputs = await readOutputs(terraform).catch(() => ({}) as Outputs);
  for (const key of FUNCTION_OUTPUTS) {
    const name = outputs[key];
    if (typeof name !== 'string') continue;
    const live = await aliases.getAlias(name, LIVE);
    if (live) recorded.set(name, { version: live.version });
  }
  return recorded;
}

async function restoreLive(
  before: Map<string, AliasState>,
  aliases: LambdaAliases,
  progress: Progress,
): Promise<boolean> {
  for (const [name, state] of before) {
    await aliases.updateAlias(name, LIVE, state);
    progress.note(`${name}: ${LIVE} back to ${state.version}`);
  }
  return before.size > 0;
}

async function mustSucceed(
  terraform: TerraformCli,
  args: string[],
  what: string,
  stream = false,
): Promise<CommandResult> {
  const result = await terraform.run(args, { stream });
  if (result.code !== 0) {
    const output = result.stderr || result.stdout;
    // Streamed output is on the terminal already; captured output (init, show, output) is shown here.
    const shown = stream ? 'Its output is above.' : `terraform said:\n${diagnostic(output)}\n`;
    throw new DeployError(
      `${what} failed (exit ${result.code}): ${terraformError(output)}`,
      `${shown} Nothing after ${what} ran; fix the cause and run again (a failed apply leaves the state as far as it got: plan again to see what remains).`,
    );
  }
  return result;
}

/**
 * The plan looks the environment's permissions boundary up (modules/stack, the only IAM policy it reads): when
 * that fails, deploy-role.yaml was not deployed for the environment in this account, or these credentials
 * may not read it.
 */
function missingBoundary(error: unknown, environment: DeployEnvironment): DeployError | undefined {
  if (!(error instanceof DeployError) || !error.message.includes('reading IAM Policy')) return undefined;
  return new DeployError(
    error.message,
    `Every role of the stack carries the permissions boundary blogapp-${environment}-boundary, and nothing was created without it. An administrator creates it (with the deploy role and its state access) by deploying infrastructure/aws-sam/deploy-role.yaml as stack blogapp-deploy-role-${environment} (DEPLOYMENT.md, Terraform: Credentials), then run this again.`,
  );
}

/** Terraform frames its diagnostics (`╷`, `│ Error: ...`): its lines unframed, blank ones dropped. */
const unframed = (output: string) =>
  output
    .split('\n')
    .map((line) => line.replace(/^[│╷╵\s]+/, '').trim())
    .filter(Boolean);

/** The first error line. */
function terraformError(output: string): string {
  const lines = unframed(output);
  return lines.find((line) => line.startsWith('Error:')) ?? lines[0] ?? 'no error output';
}

/** The error and what terraform says about it, indented under the what-next arrow. */
function diagnostic(output: string): string {
  const lines = unframed(output);
  const from = Math.max(
    0,
    lines.findIndex((line) => line.startsWith('Error:')),
  );
  return lines
    .slice(from, from + 12)
    .map((line) => `    ${line}`)
    .join('\n');
}

const varArgs = (variables: Record<string, string>) =>
  Object.entries(variables).map(([key, value]) => `-var=${key}=${value}`);
