import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../../scripts/rehearsal/moto-server.js';
import { type DeployDeps, type DeployOptions, runDeploy } from '../../src/deploy/deploy.js';
import type { DeployEngine, Plan, StackOutputs } from '../../src/deploy/engines/engine.js';
import { outputsFile } from '../../src/deploy/outputs-file.js';
import { spawnRunner } from '../../src/deploy/spawn-runner.js';
import { STACK_FUNCTIONS } from '../../src/deploy/stack.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const git = promisify(execFile);
// Tests are quiet: the SDK's notice that it will need Node 22 from 2027 is not this suite's business.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * What `npm run deploy` does around its engine: the order of the steps, production's confirmation of the
 * very plan it then applies, plan-only and "no changes", and the health check, smoke suite and `live`
 * alias rollback after a deploy. The engine here is scripted (its own paths are tested against moto by the
 * rehearsal and against a fake CloudFormation in cloudformation-engine.test.ts); the aliases are real ones
 * in moto_server, and the API checked after the deploy is the real local stack on loopback.
 */
describe('npm run deploy around its engine', () => {
  let moto: MotoServer;
  let lambda: LambdaClient;
  let stack: TestStack;
  let root: string;
  const functionNames = STACK_FUNCTIONS.map(({ name }) => `blogapp-staging-${name}`);
  const before: StackOutputs = Object.fromEntries(
    STACK_FUNCTIONS.map(({ name, output }) => [output, `blogapp-staging-${name}`]),
  );

  beforeAll(async () => {
    [moto, stack, root] = await Promise.all([
      startMoto(),
      startTestStack('memory'),
      mkdtemp(join(tmpdir(), 'blogapp-deploy-run-')),
    ]);
    const aws = {
      endpoint: moto.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    lambda = new LambdaClient(aws);
    // Each function with version 1 live, as an earlier deploy left it.
    const cloudformation = new CloudFormationClient(aws);
    await cloudformation.send(
      new CreateStackCommand({
        StackName: 'roles',
        TemplateBody: JSON.stringify({
          Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
          Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
        }),
      }),
    );
    const role = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'roles' }))).Stacks?.[0]
      ?.Outputs?.[0]?.OutputValue;
    for (const name of functionNames) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: role,
          Code: {
            ZipFile: zipSync({ 'index.mjs': new TextEncoder().encode('export const handler = () => 1;') }),
          },
        }),
      );
      await lambda.send(new PublishVersionCommand({ FunctionName: name }));
      await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }));
    }
    // A checkout of the release branch with a clean tree, holding the samconfig the CLI reads.
    await mkdir(join(root, 'infrastructure/aws-sam'), { recursive: true });
    await writeFile(
      join(root, 'infrastructure/aws-sam/samconfig.toml'),
      await readFile(join(import.meta.dirname, 'fixtures/samconfig.toml'), 'utf8'),
    );
    for (const args of [
      ['init', '-q', '-b', 'production'],
      ['add', '.'],
      ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'release'],
    ]) {
      await git('git', args, { cwd: root });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([moto?.stop(), stack?.close(), rm(root, { recursive: true, force: true })]);
  });

  /** An engine that plays its part from a script and records what it was asked, in order. */
  function scriptedEngine({ plan, after }: { plan: Plan; after: StackOutputs }) {
    const calls: string[] = [];
    const applied: Plan[] = [];
    const engine: DeployEngine = {
      name: 'cloudformation',
      checkState: async () => void calls.push('checkState'),
      package: async () => void calls.push('package'),
      plan: async (progress) => {
        calls.push('plan');
        progress.note('Action  Logical id  Type  Replacement');
        return plan;
      },
      apply: async (given) => {
        calls.push('apply');
        applied.push(given);
        // What CloudFormation would do: publish version 2 and move `live` to it.
        for (const name of functionNames) {
          await lambda.send(
            new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: 'v2' }),
          );
          const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: name }));
          await lambda.send(
            new UpdateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: Version }),
          );
        }
        return after;
      },
      discard: async () => void calls.push('discard'),
      outputs: async () => before,
    };
    return { engine, calls, applied };
  }

  const changes: Plan = {
    empty: false,
    changes: [
      { action: 'Modify', logicalId: 'ApiFunction', type: 'AWS::Lambda::Function', replacement: 'False' },
    ],
  };

  async function deploy(
    options: Partial<DeployOptions>,
    engine: DeployEngine,
    deps: Partial<DeployDeps> = {},
  ) {
    const lines: string[] = [];
    let created = 0;
    const run = runDeploy(
      {
        environment: 'staging',
        engine: 'cloudformation',
        planOnly: false,
        autoApprove: false,
        allowReplacement: [],
        recover: false,
        skipSmoke: false,
        ...options,
      },
      {
        runner: spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }),
        print: (line) => lines.push(line),
        root,
        interactive: false,
        confirm: async () => false,
        engine: () => {
          created += 1;
          return engine;
        },
        lambda: () => lambda,
        healthCheck: { attempts: 2, delayMs: 100 },
        ...deps,
      },
    );
    const error = await run.then(
      () => undefined,
      (e: unknown) => e as Error & { whatNext?: string },
    );
    return { error, text: lines.join('\n'), created: () => created };
  }

  const liveVersions = () =>
    Promise.all(
      functionNames.map(
        async (name) =>
          (await lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).FunctionVersion,
      ),
    );

  it('checks the stack, packages, plans, records live, applies, then passes the health check and smoke suite', async () => {
    const { engine, calls } = scriptedEngine({
      plan: changes,
      after: { ApiUrl: stack.apiUrl, WebSocketURL: stack.wsUrl },
    });
    const { error, text } = await deploy({}, engine);

    expect(error).toBeUndefined();
    expect(calls).toEqual(['checkState', 'package', 'plan', 'apply']);
    expect(text).toMatch(/api\s+blogapp-staging-api: live = \d+/);
    expect(text).toMatch(/✓ health check and smoke suite \(/);
    expect(text).toMatch(/7 passed, 0 failed/);
    expect(text).toContain(`Deployed blogapp-staging: ${stack.apiUrl}`);
  }, 120_000);

  /** A WebSocket URL on a port just closed: the smoke suite's WebSocket checks fail there. */
  async function deadWebSocketUrl() {
    const dead = createServer();
    await new Promise<void>((ready) => dead.listen(0, '127.0.0.1', ready));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((done) => dead.close(done));
    return `ws://127.0.0.1:${port}`;
  }

  it('moves every live alias back to the version it recorded when the smoke suite fails', async () => {
    const recorded = await liveVersions();
    const { engine } = scriptedEngine({
      plan: changes,
      after: { ApiUrl: stack.apiUrl, WebSocketURL: await deadWebSocketUrl() },
    });

    const { error, text } = await deploy({}, engine);

    expect(error?.message).toMatch(/^smoke suite failed: .*websocket/);
    expect(error?.message).toContain('Every live alias was moved back to its previous version.');
    expect(await liveVersions()).toEqual(recorded);
    expect(text).toContain(`blogapp-staging-api: live back to ${recorded[0]}`);
  }, 120_000);

  it('--outputs-file: writes the applied outputs before the checks, so a failed smoke suite still leaves them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-deploy-outputs-'));
    const path = join(dir, 'outputs.json');
    const after = { ApiUrl: stack.apiUrl, WebSocketURL: await deadWebSocketUrl(), SiteUrl: 'https://site' };
    const { engine } = scriptedEngine({ plan: changes, after });
    try {
      const { error } = await deploy({}, engine, { reportOutputs: outputsFile(path).write });
      expect(error?.message).toMatch(/^smoke suite failed: /);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(after);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses production without a terminal or --auto-approve before the engine exists', async () => {
    const { engine } = scriptedEngine({ plan: changes, after: {} });
    const { error, created } = await deploy({ environment: 'production' }, engine);
    expect(error?.message).toBe(
      'Production deploys ask for confirmation, and there is no terminal to ask on.',
    );
    expect(created()).toBe(0);
  });

  it('in production, asks after showing the plan, and applies exactly that plan only after a yes', async () => {
    const declined = scriptedEngine({ plan: changes, after: {} });
    const questions: string[] = [];
    const no = await deploy({ environment: 'production', skipSmoke: true }, declined.engine, {
      interactive: true,
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });
    expect(no.error?.message).toBe('Not confirmed: nothing was deployed (the change set was deleted).');
    expect(questions).toEqual(['Deploy this change set to blogapp-production? [y/N] ']);
    expect(declined.calls).toEqual(['checkState', 'package', 'plan', 'discard']);

    const approved = scriptedEngine({
      plan: changes,
      after: { ApiUrl: stack.apiUrl, WebSocketURL: stack.wsUrl },
    });
    const yes = await deploy({ environment: 'production', skipSmoke: true }, approved.engine, {
      interactive: true,
      confirm: async () => true,
    });
    expect(yes.error).toBeUndefined();
    expect(approved.calls).toEqual(['checkState', 'package', 'plan', 'apply']);
    expect(approved.applied).toEqual([changes]);
    expect(approved.applied[0]).toBe(changes);
  }, 120_000);

  it('with --plan-only shows the plan, discards it and applies nothing', async () => {
    const { engine, calls } = scriptedEngine({ plan: changes, after: {} });
    const { error, text } = await deploy({ environment: 'production', planOnly: true }, engine);
    expect(error).toBeUndefined();
    expect(calls).toEqual(['checkState', 'package', 'plan', 'discard']);
    expect(text).toContain(
      'Plan only: the change set above was created, shown and deleted; nothing was deployed.',
    );
  });

  it('on an AWS refusal, says which environment’s role to widen, or that another environment’s is out of reach', async () => {
    const { engine } = scriptedEngine({ plan: changes, after: {} });
    const refusal = Object.assign(
      new Error(
        'User: arn:aws:sts::123456789012:assumed-role/blogapp-deploy-staging-eu-west-1/gha is not authorized to perform: cloudformation:CreateChangeSet',
      ),
      { name: 'AccessDenied' },
    );
    const { error } = await deploy(
      {},
      {
        ...engine,
        plan: async () => {
          throw refusal;
        },
      },
    );
    expect(error?.message).toMatch(/^AWS refused: User: .* is not authorized/);
    expect(error?.whatNext).toContain('infrastructure/aws-sam/deploy-role.yaml');
    expect(error?.whatNext).toContain('stack blogapp-deploy-role-staging');
    expect(error?.whatNext).toContain("If it is another environment's, the role is refusing as designed");
  });

  it('says "no changes" for an empty plan and applies nothing, but still checks the running version', async () => {
    const { engine, calls } = scriptedEngine({ plan: { empty: true, changes: [] }, after: {} });
    const outputs = { ...before, ApiUrl: stack.apiUrl, WebSocketURL: stack.wsUrl };
    const { error, text } = await deploy({ skipSmoke: true }, { ...engine, outputs: async () => outputs });
    expect(error).toBeUndefined();
    expect(calls).toEqual(['checkState', 'package', 'plan']);
    expect(text).toContain('No changes: blogapp-staging already runs this code and template.');
    expect(text).toMatch(/✓ health check and smoke suite \(/);
  }, 120_000);
});
