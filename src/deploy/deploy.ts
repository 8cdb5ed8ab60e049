import type { LambdaClient } from '@aws-sdk/client-lambda';
import { type LiveVersion, recordLiveVersions, rollBackLiveVersions } from './aliases.js';
import type { CommandRunner } from './command.js';
import type { DeployEngine, EngineName, StackOutputs } from './engines/engine.js';
import type { DeployEnvironment } from './environments.js';
import { DeployError, missingCredentials } from './errors.js';
import type { HealthCheckOptions } from './health-check.js';
import { preflight } from './preflight.js';
import { type Print, Progress } from './progress.js';
import { deploySite } from './site/deploy-site.js';
import { loadTarget, type Target } from './target.js';
import { verifyDeployment } from './verify-deployment.js';

export interface DeployOptions {
  environment: DeployEnvironment;
  engine: EngineName;
  planOnly: boolean;
  autoApprove: boolean;
  /** Logical ids whose replacement or deletion (data loss) is intended. */
  allowReplacement: string[];
  /** Repair a stuck stack (delete a failed first create; continue a failed rollback) before deploying. */
  recover: boolean;
  skipSmoke: boolean;
  /**
   * After the deploy, the health check and smoke suite (and alias rollback when they fail). Only the
   * rehearsal turns them off: an emulator serves no API to check.
   */
  verify?: boolean;
  smokeToken?: string;
  region?: string;
  profile?: string;
  artifactsBucket?: string;
}

export interface DeployDeps {
  /** Runs git (the release tree and AppVersion). */
  runner: CommandRunner;
  print: Print;
  /** The project root (samconfig.toml is under it). */
  root: string;
  /** Whether a person is at a terminal to answer the production confirmation. */
  interactive: boolean;
  confirm(question: string): Promise<boolean>;
  /** The engine for this target and template parameters (samconfig's plus AppVersion). */
  engine(target: Target, parameters: Record<string, string>, options: DeployOptions): DeployEngine;
  lambda(target: Target): LambdaClient;
  healthCheck?: HealthCheckOptions;
  /** Publishes the web client after the stack (the site bucket and CloudFront by default). */
  publishSite?: typeof deploySite;
  /** Told the stack's outputs once the deploy has them, before the checks (--outputs-file writes them). */
  reportOutputs?(outputs: StackOutputs): Promise<void>;
}

/**
 * `npm run deploy -- --env <env>`: preflight, stack state, build and upload, change set (printed, guarded),
 * confirmation in production, execute that change set, outputs, health check, smoke suite — and when the
 * deployment is up but does not work, move every `live` alias back. Throws DeployError (what failed, what
 * to do next) on any failure.
 */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<void> {
  const { print } = deps;
  const target = await loadTarget(deps.root, options.environment, options);
  const production = target.environment === 'production';
  const asks = production && !options.autoApprove && !options.planOnly;
  const verify = options.verify ?? true;
  if (asks && !deps.interactive) {
    throw new DeployError(
      'Production deploys ask for confirmation, and there is no terminal to ask on.',
      'Run it from a terminal, or pass --auto-approve (CI does, behind its own approval gate).',
    );
  }

  print(
    `blogapp ${options.planOnly ? 'plan' : 'deploy'} → ${target.environment} (stack ${target.stackName}${target.region ? `, ${target.region}` : ''}; engine ${options.engine})`,
  );
  const progress = new Progress(print, options.planOnly ? 4 : verify ? 8 : 6);
  const appVersion = await progress.step('preflight', () =>
    preflight(deps.runner, target, progress, { planOnly: options.planOnly }),
  );
  const parameters = { ...target.parameters, ...(appVersion ? { AppVersion: appVersion } : {}) };
  const engine = deps.engine(target, parameters, options);

  await progress.step('stack state', () => withAwsErrors(target, () => engine.checkState(progress)));
  await progress.step('build and upload', () => withAwsErrors(target, () => engine.package(progress)));
  const plan = await progress.step('change set', () => withAwsErrors(target, () => engine.plan(progress)));

  if (plan.empty) {
    print(`No changes: ${target.stackName} already runs this code and template.`);
    if (options.planOnly || !verify) return;
  } else if (options.planOnly) {
    await engine.discard(plan);
    print('Plan only: the change set above was created, shown and deleted; nothing was deployed.');
    return;
  }

  const before = await engine.outputs();
  const recorded = await progress.step('record live versions', () =>
    recordLiveVersions(deps.lambda(target), before, progress),
  );

  let outputs: StackOutputs;
  if (plan.empty) {
    outputs = before ?? {};
  } else {
    outputs = await progress.step('execute the change set', async () => {
      if (asks && !(await deps.confirm(`Deploy this change set to ${target.stackName}? [y/N] `))) {
        await engine.discard(plan);
        throw new DeployError(
          'Not confirmed: nothing was deployed (the change set was deleted).',
          'Run again when the change set looks right.',
        );
      }
      return withAwsErrors(target, () => engine.apply(plan, progress));
    });
  }
  await deps.reportOutputs?.(outputs);
  const missing = ['ApiUrl', 'WebSocketURL'].filter((key) => !outputs[key]);
  if (missing.length > 0) {
    throw new DeployError(
      `Stack ${target.stackName} has no ${missing.join(' or ')} output after the deploy.`,
      'The template must declare them (infrastructure/aws-sam/template.yaml, Outputs); check `npm run status`.',
    );
  }
  const apiUrl = outputs.ApiUrl as string;
  const wsUrl = outputs.WebSocketURL as string;
  for (const [key, value] of Object.entries(outputs)) progress.note(`${key.padEnd(28)} ${value}`);

  if (verify) {
    await progress.step('web client', () =>
      (deps.publishSite ?? deploySite)(outputs, awsOf(target), progress),
    );
    await checkDeployment(options, deps, target, outputs, recorded, progress);
  } else progress.note('no health check or smoke suite: the emulator serves no API to check');
  print(
    `Deployed ${target.stackName}: ${apiUrl} · ${wsUrl}${outputs.DashboardURL ? `\n  dashboard ${outputs.DashboardURL}` : ''}`,
  );
}

/** Health check and smoke suite against the new stack; when either fails, every `live` alias moves back. */
async function checkDeployment(
  options: DeployOptions,
  deps: DeployDeps,
  target: Target,
  outputs: StackOutputs,
  recorded: LiveVersion[],
  progress: Progress,
): Promise<void> {
  const failure = await progress.step('health check and smoke suite', () =>
    verifyDeployment(
      outputs,
      {
        skipSmoke: options.skipSmoke,
        ...(options.smokeToken ? { smokeToken: options.smokeToken } : {}),
        ...(deps.healthCheck ? { healthCheck: deps.healthCheck } : {}),
        aws: awsOf(target),
      },
      progress,
    ),
  );
  if (failure) await rollBackAliases(deps.lambda(target), target, recorded, progress, failure);
}

const awsOf = (target: Target) => ({
  ...(target.region ? { region: target.region } : {}),
  ...(target.profile ? { profile: target.profile } : {}),
});

/** The deployment is up but does not work: move traffic back, then fail with what happened and what to do. */
async function rollBackAliases(
  lambda: LambdaClient,
  target: Target,
  recorded: LiveVersion[],
  progress: Progress,
  failure: string,
): Promise<never> {
  progress.note(`${failure}; rolling the live aliases back`);
  const problems = await rollBackLiveVersions(lambda, target.stackName, recorded, progress);
  const env = target.environment;
  throw new DeployError(
    `${failure}. ${problems.length === 0 ? 'Every live alias was moved back to its previous version.' : `Rollback incomplete:\n        ${problems.join('\n        ')}`}`,
    `See what failed with \`npm run logs -- --env ${env}\` and \`npm run status -- --env ${env}\`; fix it and deploy again (the stack still describes the new version until then; DEPLOYMENT.md, Rollback).`,
  );
}

const CREDENTIAL_ERRORS =
  /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|Could not load credentials/;

/** Failures reaching AWS at all: no network, DNS, a proxy or firewall in the way. */
const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/;

/** SDK failures an operator can act on become DeployErrors that say what to do. */
export async function withAwsErrors<T>(
  target: Pick<Target, 'profile' | 'environment'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DeployError) throw error;
    const { name, message } = error as Error;
    if (CREDENTIAL_ERRORS.test(`${name} ${message}`)) throw missingCredentials(message, target.profile);
    if (name === 'AccessDenied' || name === 'AccessDeniedException' || /not authorized/.test(message)) {
      throw new DeployError(
        `AWS refused: ${message}`,
        `If the refused resource is blogapp-${target.environment}'s own, the deploy role lacks a permission: add it to infrastructure/aws-sam/deploy-role.yaml and redeploy stack blogapp-deploy-role-${target.environment}. If it is another environment's, the role is refusing as designed: use that environment's role.`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NETWORK_ERRORS.test(`${code} ${message}`)) {
      throw new DeployError(
        `AWS could not be reached: ${message}`,
        'Check the network (a VPN, proxy, firewall or DNS in the way), then run the same command again.',
      );
    }
    throw error;
  }
}
