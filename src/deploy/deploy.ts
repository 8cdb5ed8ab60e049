import { failedChecks, formatSmokeResult, summarizeSmoke } from '../smoke/smoke-report.js';
import { runSmokeSuite } from '../smoke/smoke-suite.js';
import { type LiveVersion, recordLiveVersions, rollBackLiveVersions } from './aliases.js';
import { type CommandRunner, formatCommand } from './command.js';
import { describeStackEvents, samBuild, samDeploy } from './commands.js';
import type { DeployEnvironment } from './environments.js';
import { DeployError } from './errors.js';
import { DEFAULT_HEALTH_CHECK, type HealthCheckOptions, waitForHealthy } from './health-check.js';
import { preflight } from './preflight.js';
import { type Print, Progress } from './progress.js';
import { describeStack, firstLine, type StackInfo } from './stack.js';
import { loadTarget, type Target, withAppVersion } from './target.js';

export interface DeployOptions {
  environment: DeployEnvironment;
  planOnly: boolean;
  autoApprove: boolean;
  dryRun: boolean;
  skipSmoke: boolean;
  smokeToken?: string;
  region?: string;
  profile?: string;
}

export interface DeployDeps {
  runner: CommandRunner;
  print: Print;
  /** The project root (samconfig.toml is under it). */
  root: string;
  /** Whether a person is at a terminal to answer the production confirmation. */
  interactive: boolean;
  confirm(question: string): Promise<boolean>;
  healthCheck?: HealthCheckOptions;
}

/**
 * `npm run deploy -- --env <env>`: preflight, build, record the live versions, deploy, read the outputs,
 * health check, smoke suite — and when the deployment is up but does not work, move every `live` alias back.
 * Throws DeployError (what failed, what to do next) on any failure.
 */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<void> {
  const { runner, print } = deps;
  const target = await loadTarget(deps.root, options.environment, options);
  const production = target.environment === 'production';
  const asks = production && !options.autoApprove && !options.planOnly;
  if (asks && !deps.interactive && !options.dryRun) {
    throw new DeployError(
      'Production deploys ask for confirmation, and there is no terminal to ask on.',
      'Run it from a terminal, or pass --auto-approve (CI does, behind its own approval gate).',
    );
  }

  print(
    `blogapp ${options.planOnly ? 'plan' : 'deploy'} → ${target.environment} (stack ${target.stackName}${target.region ? `, ${target.region}` : ''})${options.dryRun ? ' — dry run: commands are printed, not run' : ''}`,
  );
  const progress = new Progress(print, options.planOnly ? 3 : 7);
  const appVersion = await progress.step('preflight', () => preflight(runner, target, progress));
  const parameterOverrides = appVersion ? withAppVersion(target, appVersion) : undefined;
  const plan = samDeploy(target, { execute: false, ...(parameterOverrides ? { parameterOverrides } : {}) });
  const apply = samDeploy(target, { execute: true, ...(parameterOverrides ? { parameterOverrides } : {}) });
  await progress.step('build (sam build)', () => mustSucceed(runner, samBuild(target), buildFailed));

  if (options.planOnly) {
    await progress.step('change set (nothing is deployed)', () =>
      mustSucceed(runner, plan, deployFailed(target)),
    );
    print(
      'Plan only: the change set above was created, not executed. Deploy it with the same command without --plan-only.',
    );
    return;
  }

  const recorded = await progress.step('record live versions', async () =>
    recordLiveVersions(runner, target, await describeStack(runner, target), progress),
  );

  await progress.step(`deploy (sam deploy --config-env ${target.environment})`, async () => {
    if (asks) {
      await mustSucceed(runner, plan, deployFailed(target));
      if (runner.dryRun)
        progress.note(`(asks "Deploy this change set to production?" unless --auto-approve)`);
      else if (!(await deps.confirm(`Deploy this change set to ${target.stackName}? [y/N] `))) {
        throw new DeployError(
          'Not confirmed: nothing was deployed.',
          'Run again when the change set looks right.',
        );
      }
    }
    await mustSucceed(runner, apply, deployFailed(target));
  });

  const stack = await progress.step('read stack outputs', async () => readOutputs(runner, target, progress));
  const apiUrl = stack.outputs.ApiUrl as string;
  const wsUrl = stack.outputs.WebSocketURL as string;

  await progress.step('health check (GET /api/health)', async () => {
    const check = deps.healthCheck ?? DEFAULT_HEALTH_CHECK;
    if (runner.dryRun) {
      progress.note(
        `GET ${apiUrl}/api/health until 200 "healthy" (${check.attempts} tries, ${check.delayMs / 1000} s apart)`,
      );
      return;
    }
    const health = await waitForHealthy(apiUrl, check, (problem, attempt) =>
      progress.note(`try ${attempt}: ${problem}; retrying`),
    );
    if (!health.healthy) {
      await rollBack(
        runner,
        target,
        recorded,
        progress,
        `health check failed: GET ${apiUrl}/api/health ${health.problem}`,
      );
    }
  });

  await progress.step('smoke suite', async () => {
    if (runner.dryRun) {
      progress.note(
        options.skipSmoke
          ? 'skipped (--skip-smoke)'
          : `smoke suite against --api ${apiUrl} --ws ${wsUrl} (what \`npm run smoke\` runs)`,
      );
      progress.note('if the health check or the smoke suite fails, each live alias goes back:');
      await rollBackLiveVersions(runner, target, recorded, progress);
      return;
    }
    if (options.skipSmoke)
      return progress.note('skipped (--skip-smoke): only the health check vouches for this deploy');
    const results = await runSmokeSuite({
      apiUrl,
      wsUrl,
      ...(options.smokeToken ? { token: options.smokeToken } : {}),
      onResult: (result) => progress.note(formatSmokeResult(result)),
    });
    progress.note(summarizeSmoke(results));
    const failed = failedChecks(results);
    if (failed.length > 0) {
      await rollBack(runner, target, recorded, progress, `smoke suite failed: ${failed.join(', ')}`);
    }
  });

  print(
    options.dryRun
      ? 'Dry run complete: nothing was run.'
      : `Deployed ${target.stackName}: ${apiUrl} · ${wsUrl}${stack.outputs.DashboardURL ? `\n  dashboard ${stack.outputs.DashboardURL}` : ''}`,
  );
}

async function mustSucceed(
  runner: CommandRunner,
  command: Parameters<CommandRunner['run']>[0],
  failure: (code: number, stderr: string) => DeployError,
): Promise<void> {
  const result = await runner.run(command);
  if (result.code !== 0) throw failure(result.code, result.stderr);
}

const buildFailed = (code: number, stderr: string) =>
  new DeployError(
    `sam build failed (exit ${code}): ${firstLine(stderr)}`,
    'Nothing was deployed. Fix the build (its output is above; `make build` bundles the same entries without SAM), then run again.',
  );

const deployFailed = (target: Target) => (code: number, stderr: string) =>
  new DeployError(
    `sam deploy failed (exit ${code}): ${firstLine(stderr)}`,
    `CloudFormation rolls a failed update back by itself. See why with \`${formatCommand(describeStackEvents(target))}\` or \`npm run status -- --env ${target.environment}\`; DEPLOYMENT.md, Troubleshooting.`,
  );

async function readOutputs(runner: CommandRunner, target: Target, progress: Progress): Promise<StackInfo> {
  const stack = await describeStack(runner, target);
  const missing = ['ApiUrl', 'WebSocketURL'].filter((key) => !stack?.outputs[key]);
  if (!stack || missing.length > 0) {
    throw new DeployError(
      `Stack ${target.stackName} has no ${missing.join(' or ')} output after the deploy.`,
      'The template must declare them (infrastructure/aws-sam/template.yaml, Outputs); check `npm run status`.',
    );
  }
  if (!runner.dryRun) {
    progress.note(
      `${stack.status}: ApiUrl ${stack.outputs.ApiUrl}, WebSocketURL ${stack.outputs.WebSocketURL}`,
    );
  }
  return stack;
}

/** The deployment is up but does not work: move traffic back, then fail with what happened and what to do. */
async function rollBack(
  runner: CommandRunner,
  target: Target,
  recorded: LiveVersion[],
  progress: Progress,
  failure: string,
): Promise<never> {
  progress.note(`${failure}; rolling the live aliases back`);
  const problems = await rollBackLiveVersions(runner, target, recorded, progress);
  const env = target.environment;
  throw new DeployError(
    `${failure}. ${problems.length === 0 ? 'Every live alias was moved back to its previous version.' : `Rollback incomplete:\n        ${problems.join('\n        ')}`}`,
    `See what failed with \`npm run logs -- --env ${env}\` and \`npm run status -- --env ${env}\`; fix it and deploy again (the stack still describes the new version until then; DEPLOYMENT.md, Rollback).`,
  );
}
