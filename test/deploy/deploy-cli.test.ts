import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process.js';
import {
  type FakeCall,
  type FakeCliEnvironment,
  type FakeProgram,
  fakeCliEnvironment,
  type Scenario,
} from '../support/fake-cli/fake-cli-env.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { deployScenario, FUNCTIONS, functionName } from './deploy-scenario.js';

const samconfig = await readFile(join(import.meta.dirname, 'fixtures/samconfig.toml'), 'utf8');
const STAGING_OVERRIDES =
  'Environment=staging AuthProvider=firebase FirebaseProjectId=blog-staging AllowedOrigins=https://staging.example.com';

const environments: FakeCliEnvironment[] = [];
afterEach(async () => {
  await Promise.all(environments.splice(0).map((e) => e.cleanup()));
});

/** Runs `npm run deploy -- <args>` (the entry, as a child process) with the fakes first and alone on PATH. */
async function deploy(args: string[], scenario: Scenario, programs?: FakeProgram[]) {
  const fakes = await fakeCliEnvironment(scenario, { samconfig, ...(programs ? { programs } : {}) });
  environments.push(fakes);
  const run = await runCliProcess('src/entry/cli/deploy.ts', args, { cwd: fakes.projectDir, env: fakes.env });
  return { ...run, calls: await fakes.calls() };
}

const line = (call: FakeCall) => [call.program, ...call.args].join(' ');
const aws = (...args: string[]) => ['aws', ...args, '--region', 'eu-west-1', '--output', 'json'].join(' ');

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('npm run deploy --dry-run', () => {
  it('prints the exact command sequence for staging, and runs none of it', async () => {
    const run = await deploy(['--env', 'staging', '--dry-run'], deployScenario());

    expect(run.code).toBe(0);
    expect(run.calls).toEqual([]);
    const commands = run.stdout
      .split('\n')
      .filter((l) => l.trimStart().startsWith('$ '))
      .map((l) => l.trim().slice(2));
    const getAlias = (output: string) =>
      `aws lambda get-alias --function-name '<${output}>' --name live --region eu-west-1 --output json`;
    const updateAlias = (output: string, name: string) =>
      `aws lambda update-alias --function-name '<${output}>' --name live --function-version '<${name} live version>' --routing-config '{"AdditionalVersionWeights":{}}' --region eu-west-1 --output json`;
    expect(commands).toEqual([
      'sam --version',
      'aws --version',
      'aws sts get-caller-identity --region eu-west-1 --output json',
      'git describe --always --dirty --abbrev=12',
      '(cd infrastructure/aws-sam && sam build --config-env staging)',
      'aws cloudformation describe-stacks --stack-name blogapp-staging --region eu-west-1 --output json',
      getAlias('ApiFunctionName'),
      getAlias('WebSocketFunctionName'),
      getAlias('CommentStreamFunctionName'),
      getAlias('BroadcastFunctionName'),
      `(cd infrastructure/aws-sam && sam deploy --config-env staging --parameter-overrides '${STAGING_OVERRIDES} AppVersion=<git revision>' --no-confirm-changeset --no-fail-on-empty-changeset)`,
      'aws cloudformation describe-stacks --stack-name blogapp-staging --region eu-west-1 --output json',
      updateAlias('ApiFunctionName', 'api'),
      updateAlias('WebSocketFunctionName', 'websocket'),
      updateAlias('CommentStreamFunctionName', 'comment-stream'),
      updateAlias('BroadcastFunctionName', 'broadcast'),
    ]);
    expect(run.stdout).toContain('GET <ApiUrl>/api/health until 200 "healthy" (6 tries, 5 s apart)');
    expect(run.stdout).toContain('smoke suite against --api <ApiUrl> --ws <WebSocketURL>');
    expect(run.stdout).toMatch(/\[7\/7\] smoke suite/);
    expect(run.stdout).toContain('Dry run complete: nothing was run.');
  });

  it('shows production’s release-tree checks, and the change set it confirms before deploying', async () => {
    const run = await deploy(['--env', 'prod', '--dry-run', '--region', 'us-east-2'], deployScenario());

    expect(run.code).toBe(0);
    expect(run.calls).toEqual([]);
    expect(run.stdout).toContain('$ git status --porcelain\n      $ git rev-parse --abbrev-ref HEAD');
    const deploys = run.stdout
      .split('\n')
      .filter((l) => l.includes('$ (cd infrastructure/aws-sam && sam deploy'));
    expect(deploys).toHaveLength(2);
    expect(deploys[0]).toContain(
      'sam deploy --config-env production --region us-east-2 --parameter-overrides',
    );
    expect(deploys[0]).toContain('--no-execute-changeset');
    expect(deploys[1]).toContain('--no-confirm-changeset');
    expect(run.stdout).toContain('asks "Deploy this change set to production?" unless --auto-approve');
    expect(run.stdout).toContain('describe-stacks --stack-name blogapp-production --region us-east-2');
  });
});

describe('npm run deploy against a real local stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('memory');
  });
  afterAll(async () => {
    await stack.close();
  });
  const liveBefore = { api: '7', websocket: '3', 'comment-stream': '5', broadcast: '2' };

  it('preflights, builds, records the live versions, deploys, checks health and passes the smoke suite', async () => {
    const run = await deploy(
      ['--env', 'staging'],
      deployScenario({ apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, liveBefore }),
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.calls.map(line)).toEqual([
      'sam --version',
      'aws --version',
      aws('sts', 'get-caller-identity'),
      'git describe --always --dirty --abbrev=12',
      'sam build --config-env staging',
      aws('cloudformation', 'describe-stacks', '--stack-name', 'blogapp-staging'),
      ...FUNCTIONS.map((name) =>
        aws('lambda', 'get-alias', '--function-name', functionName('staging', name), '--name', 'live'),
      ),
      `sam deploy --config-env staging --parameter-overrides ${STAGING_OVERRIDES} AppVersion=30dc60b1a2b3 --no-confirm-changeset --no-fail-on-empty-changeset`,
      aws('cloudformation', 'describe-stacks', '--stack-name', 'blogapp-staging'),
    ]);
    const samCalls = run.calls.filter((c) => c.program === 'sam' && c.args[0] !== '--version');
    expect(samCalls.map((c) => c.cwd)).toEqual([
      join(run.calls[0]?.cwd ?? '', 'infrastructure/aws-sam'),
      join(run.calls[0]?.cwd ?? '', 'infrastructure/aws-sam'),
    ]);
    expect(run.stdout).toContain('aws: account 123456789012 as arn:aws:iam::123456789012:user/deployer');
    expect(run.stdout).toContain('api             blogapp-staging-api: live = 7');
    expect(run.stdout).toMatch(/✓ health check \(GET \/api\/health\) \(\d+ ms\)/);
    expect(run.stdout).toMatch(/✓ comment-push\s+pass/);
    expect(run.stdout).toContain('7 passed, 0 failed, 0 not run');
    expect(run.stdout).toMatch(/\[7\/7\] smoke suite\n[\s\S]*✓ smoke suite \(/);
    expect(run.stdout).toContain(`Deployed blogapp-staging: ${stack.apiUrl}`);
  });

  it('rolls every live alias back to its recorded version when the smoke suite fails, and exits 1 naming the check', async () => {
    const run = await deploy(
      ['--env', 'staging'],
      deployScenario({ apiUrl: stack.apiUrl, wsUrl: `ws://127.0.0.1:${await deadPort()}`, liveBefore }),
    );

    expect(run.code).toBe(1);
    const rollbacks = run.calls.filter((c) => c.args.includes('update-alias')).map(line);
    expect(rollbacks).toEqual(
      FUNCTIONS.map((name) =>
        aws(
          'lambda',
          'update-alias',
          '--function-name',
          functionName('staging', name),
          '--name',
          'live',
          '--function-version',
          liveBefore[name],
          '--routing-config',
          '{"AdditionalVersionWeights":{}}',
        ),
      ),
    );
    expect(run.calls.at(-5)?.args).toContain('describe-stacks');
    expect(run.stdout).toMatch(/✗ websocket-subscribe\s+FAIL/);
    expect(run.stdout).toContain('blogapp-staging-api: live back to 7');
    expect(run.stdout).toMatch(/✗ smoke suite failed after/);
    expect(run.stderr).toContain('✗ smoke suite failed: websocket-subscribe.');
    expect(run.stderr).toContain('Every live alias was moved back to its previous version.');
    expect(run.stderr).toContain('→ See what failed with `npm run logs -- --env staging`');
  });

  it('says there is nothing to roll back to when the failing deploy created the stack', async () => {
    const run = await deploy(
      ['--env', 'staging'],
      deployScenario({ apiUrl: stack.apiUrl, wsUrl: `ws://127.0.0.1:${await deadPort()}` }),
    );

    expect(run.code).toBe(1);
    expect(run.calls.filter((c) => c.args.includes('get-alias') || c.args.includes('update-alias'))).toEqual(
      [],
    );
    expect(run.stdout).toContain('stack blogapp-staging does not exist yet: this deploy creates it');
    expect(run.stderr).toContain('Rollback incomplete');
    expect(run.stderr).toContain('no earlier version to roll back to: this deploy created blogapp-staging');
  });
});

describe('npm run deploy refusals and failures', () => {
  it('refuses production without a terminal and without --auto-approve, before running anything', async () => {
    const run = await deploy(['--env', 'production'], deployScenario({ environment: 'production' }));

    expect(run.code).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toContain(
      'Production deploys ask for confirmation, and there is no terminal to ask on.',
    );
    expect(run.stderr).toContain('pass --auto-approve');
  });

  it('refuses production from a dirty tree, listing the changes, before building', async () => {
    const run = await deploy(
      ['--env', 'production', '--auto-approve'],
      deployScenario({ environment: 'production', changes: ' M src/http/app.ts\n?? notes.txt\n' }),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Production deploys need a clean tree; 2 uncommitted change(s)');
    expect(run.stderr).toContain('M src/http/app.ts');
    expect(run.calls.some((c) => c.program === 'sam' && c.args[0] === 'build')).toBe(false);
  });

  it('refuses production from a branch other than the release branch', async () => {
    const run = await deploy(
      ['--env', 'production', '--auto-approve'],
      deployScenario({ environment: 'production', branch: 'main' }),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Production deploys from the `production` branch; this checkout is on `main`.',
    );
    expect(run.calls.some((c) => c.program === 'sam' && c.args[0] === 'build')).toBe(false);
  });

  it('says how to install the SAM CLI when `sam` is not on PATH', async () => {
    const run = await deploy(['--env', 'staging'], deployScenario(), ['aws', 'git']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The AWS SAM CLI (`sam`) is not installed or not on PATH.');
    expect(run.stderr).toContain('install-sam-cli.html');
    expect(run.calls).toEqual([]);
  });

  it('stops after the change set with --plan-only', async () => {
    const run = await deploy(['--env', 'staging', '--plan-only'], deployScenario());

    expect(run.code).toBe(0);
    const last = run.calls.at(-1);
    expect(last && line(last)).toBe(
      `sam deploy --config-env staging --parameter-overrides ${STAGING_OVERRIDES} AppVersion=30dc60b1a2b3 --no-execute-changeset --no-fail-on-empty-changeset`,
    );
    expect(
      run.calls.filter((c) => c.args.includes('describe-stacks') || c.args.includes('get-alias')),
    ).toEqual([]);
    expect(run.stdout).toContain('Changeset created successfully.');
    expect(run.stdout).toContain('[3/3] change set (nothing is deployed)');
    expect(run.stdout).toContain('Plan only: the change set above was created, not executed.');
  });

  it('reports a failed sam deploy with where to look, and touches no alias', async () => {
    const run = await deploy(
      ['--env', 'staging'],
      deployScenario({
        liveBefore: { api: '7', websocket: '3', 'comment-stream': '5', broadcast: '2' },
        samDeploy: {
          code: 1,
          stderr: 'Error: Failed to create/update the stack: blogapp-staging, UPDATE_ROLLBACK_COMPLETE\n',
        },
      }),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sam deploy failed (exit 1): Error: Failed to create/update the stack');
    expect(run.stderr).toContain(
      'aws cloudformation describe-stack-events --stack-name blogapp-staging --max-items 20 --region eu-west-1 --output json',
    );
    expect(run.calls.some((c) => c.args.includes('update-alias'))).toBe(false);
  });

  it('rejects an unknown environment with the usage', async () => {
    const run = await deploy(['--env', 'qa'], deployScenario());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--env qa is not an environment: use one of development, staging, production.',
    );
    expect(run.stderr).toContain('usage: npm run deploy');
  });
});
