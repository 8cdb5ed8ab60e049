import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type DeployOptions, runDeploy } from '../../src/deploy/deploy.js';
import { BOOTSTRAP_STACK } from '../../src/deploy/engines/cloudformation/artifacts-bucket.js';
import { awsClients } from '../../src/deploy/engines/cloudformation/clients.js';
import type { ZipCache } from '../../src/deploy/engines/cloudformation/package.js';
import { readOutputs } from '../../src/deploy/engines/cloudformation/stack-state.js';
import { createEngine } from '../../src/deploy/engines/create-engine.js';
import { DEPLOY_ENVIRONMENTS, type DeployEnvironment } from '../../src/deploy/environments.js';
import { DeployError } from '../../src/deploy/errors.js';
import { type Print, Progress } from '../../src/deploy/progress.js';
import { spawnRunner } from '../../src/deploy/spawn-runner.js';
import { loadTemplate, type Template } from '../template/template.js';
import { deployBootstrap, deployDeployRole, deployRoleStack } from './bootstrap.js';
import { inspectDeployment } from './inspect.js';
import { motoAdapter } from './moto-preparation.js';
import { startMoto } from './moto-server.js';
import { motoResourceTypes } from './moto-types.js';
import { renameResource } from './rename-resource.js';
import { rehearseSiteAndSignIn } from './site-and-sign-in.js';

const run = promisify(execFile);
const REGION = 'us-east-1';

export class RehearsalFailed extends Error {}

/**
 * `make rehearse`: the deploy CLI's own code path against moto_server on a free loopback port. Bootstrap,
 * build, upload, change set, execute, events, outputs; then what moto created, checked against the
 * template; an unchanged redeploy is "no changes"; replacing the table is stopped; a failed first create is
 * refused until `--recover` repairs it; production is planned. Everything is printed on `print`.
 * `afterwards`, when given, runs while moto_server still holds the result (`make rehearse KEEP=1`).
 */
export async function rehearse(
  print: Print,
  root = process.cwd(),
  afterwards?: (endpoint: string) => Promise<void>,
): Promise<void> {
  // Asking moto what it can create imports all of moto: start it now, while moto_server starts.
  void motoResourceTypes().catch(() => undefined);
  const moto = await startMoto();
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'rehearsal',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // The SDK's notice that it will need Node 22 from 2027 says nothing about this rehearsal.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  try {
    await scenario(print, root, moto.endpoint);
    await afterwards?.(moto.endpoint);
  } finally {
    process.env = saved;
    await moto.stop();
  }
}

async function scenario(print: Print, root: string, endpoint: string): Promise<void> {
  print(`Rehearsal: npm run deploy's code path against moto_server at ${endpoint} (dummy credentials)`);
  const clients = awsClients({ region: REGION }, { emulated: true });
  const template = await loadTemplate();
  const adapter = motoAdapter(REGION);
  const zips: ZipCache = new Map();

  const section = (title: string) => print(`\n=== ${title}`);
  const deploy = async (
    environment: DeployEnvironment,
    overrides: Partial<DeployOptions> & { template?: Template } = {},
  ) => {
    const lines: string[] = [];
    const capture: Print = (line) => {
      lines.push(line);
      print(line);
    };
    const { template: variant, ...options } = overrides;
    await runDeploy(
      {
        environment,
        engine: 'cloudformation',
        planOnly: false,
        autoApprove: true,
        allowReplacement: [],
        recover: false,
        skipSmoke: true,
        // moto serves no API: there is nothing to health-check or smoke-test.
        verify: false,
        ...options,
      },
      {
        runner: spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }),
        print: capture,
        root,
        interactive: false,
        confirm: async () => false,
        engine: (target, parameters, deployOptions) =>
          createEngine(target, parameters, deployOptions, {
            emulator: adapter,
            clients: awsClients(target, { emulated: true }),
            zips,
            ...(variant ? { template: variant } : {}),
          }),
        lambda: () => clients.lambda,
      },
    );
    return lines;
  };
  const refused = async (what: string, work: () => Promise<unknown>, expected: RegExp) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DeployError)) throw error;
      const text = `${error.message}\n→ ${error.whatNext}`;
      print(`✗ ${text}`);
      if (!expected.test(text))
        throw new RehearsalFailed(`${what}: refused, but not as expected (${expected}):\n${text}`);
      return;
    }
    throw new RehearsalFailed(`${what}: expected a refusal, but it went through`);
  };

  section(
    '1. bootstrap (bootstrap.yaml: artifacts bucket, API Gateway logging role; deploy-role.yaml per environment)',
  );
  const progress = new Progress(print, 1);
  const bootstrapStandIns = await progress.step('deploy blogapp-bootstrap', () =>
    deployBootstrap(clients.cloudformation, progress),
  );
  for (const environment of DEPLOY_ENVIRONMENTS) {
    const arn = await progress.step(`deploy ${deployRoleStack(environment)}`, () =>
      deployDeployRole(clients.cloudformation, progress, environment),
    );
    print(`✓ deploy role for ${environment}: ${arn}`);
  }

  section('2. first deploy of development, by the CLI: npm run deploy -- --env development --moto-rehearsal');
  const cli = await run(
    'npx',
    ['tsx', 'src/entry/cli/deploy.ts', '--env', 'development', '--moto-rehearsal'],
    {
      cwd: root,
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new RehearsalFailed(`the CLI's first deploy failed:\n${error.stdout}\n${error.stderr}`);
  });
  for (const line of cli.stdout.trimEnd().split('\n')) print(line);
  if (!/Action\s+Logical id\s+Type\s+Replacement/.test(cli.stdout)) {
    throw new RehearsalFailed('the CLI printed no change table');
  }
  const outputs = (await readOutputs(clients.cloudformation, 'blogapp-development')) ?? {};
  const artifactsBucket =
    (await readOutputs(clients.cloudformation, BOOTSTRAP_STACK))?.ArtifactsBucketName ?? '';
  const findings = await inspectDeployment(endpoint, template, outputs, { s3: clients.s3, artifactsBucket });
  print('\nWhat moto created, checked against the template:');
  for (const { what, found, gap } of findings) print(`  ${gap ? '~ moto gap:' : '✓'} ${what}: ${found}`);

  section('3. the same code again, built afresh in another process: same zips, so "no changes"');
  const again = await deploy('development');
  if (!again.some((line) => line.startsWith('No changes'))) {
    throw new RehearsalFailed('an unchanged redeploy was not "no changes"');
  }

  section('4. a change that would replace the table is stopped');
  await refused(
    'renaming Table',
    () => deploy('development', { template: renameResource(template, 'Table', 'PostsTable') }),
    /Table \(AWS::DynamoDB::Table\) would be deleted: lost would be every item/,
  );

  section('5. a failed first create, refused, then repaired with --recover');
  // A log group named as the stack names its function's: left by a hand-made function of the same name,
  // the most common way a first create fails in AWS too.
  const strayLogGroup = '/aws/lambda/blogapp-staging-api';
  await logGroup(endpoint, 'create', strayLogGroup);
  print(`(log group ${strayLogGroup} was created by hand, outside any stack)`);
  await refused('first create of staging', () => deploy('staging'), /ROLLBACK_COMPLETE[\s\S]*--recover/);
  await logGroup(endpoint, 'delete', strayLogGroup);
  print(`(${strayLogGroup} is deleted: the cause is fixed)`);
  await refused(
    'a deploy onto the failed create',
    () => deploy('staging'),
    /ROLLBACK_COMPLETE[\s\S]*--recover/,
  );
  await deploy('staging', { recover: true });

  section('6. a production plan: npm run deploy -- --env production --plan-only');
  const plan = await deploy('production', { planOnly: true });
  if (!plan.some((line) => /Action\s+Logical id\s+Type\s+Replacement/.test(line))) {
    throw new RehearsalFailed('the production plan printed no change table');
  }
  if (await readOutputs(clients.cloudformation, 'blogapp-production')) {
    throw new RehearsalFailed('--plan-only left a production stack behind');
  }

  section('7. after the stack: the web client published to its site, the smoke user signed in and deleted');
  await rehearseSiteAndSignIn(outputs, { s3: clients.s3, region: REGION, print });

  section('Rehearsal passed');
  print(
    `moto stood in for (bootstrap): ${bootstrapStandIns.map((s) => `${s.logicalId} (${s.type})`).join(', ')}`,
  );
  print(`moto stood in for (app stack): ${adapter.stoodIn.map((s) => s.logicalId).join(', ')}`);
}

/** Creates or deletes a CloudWatch Logs group in moto (boto3: the JS Logs client is not a dependency). */
async function logGroup(endpoint: string, action: 'create' | 'delete', name: string): Promise<void> {
  await run('python3', [
    '-c',
    `import boto3, sys; getattr(boto3.client("logs", endpoint_url=sys.argv[1], region_name="${REGION}"), sys.argv[2] + "_log_group")(logGroupName=sys.argv[3])`,
    endpoint,
    action,
    name,
  ]);
}
