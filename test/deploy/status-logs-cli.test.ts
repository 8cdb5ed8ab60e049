import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process.js';
import {
  type FakeCliEnvironment,
  type FakeProgram,
  fakeCliEnvironment,
} from '../support/fake-cli/fake-cli-env.js';
import { deployScenario } from './deploy-scenario.js';

const samconfig = await readFile(join(import.meta.dirname, 'fixtures/samconfig.toml'), 'utf8');
const liveBefore = { api: '7', websocket: '3', 'comment-stream': '5', broadcast: '2' };

const environments: FakeCliEnvironment[] = [];
afterEach(async () => {
  await Promise.all(environments.splice(0).map((e) => e.cleanup()));
});

async function cli(entry: 'status' | 'logs', args: string[], stackExists = true, programs?: FakeProgram[]) {
  const fakes = await fakeCliEnvironment(deployScenario(stackExists ? { liveBefore } : {}), {
    samconfig,
    ...(programs ? { programs } : {}),
  });
  environments.push(fakes);
  const run = await runCliProcess(`src/entry/cli/${entry}.ts`, args, {
    cwd: fakes.projectDir,
    env: fakes.env,
  });
  return { ...run, calls: (await fakes.calls()).map((c) => [c.program, ...c.args].join(' ')) };
}

describe('npm run status', () => {
  it('shows the stack state, its outputs, firing alarms first, and each function’s live version', async () => {
    const run = await cli('status', ['--env', 'staging']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('blogapp-staging (eu-west-1): UPDATE_COMPLETE');
    expect(run.stdout).toMatch(/ApiUrl\s+https:\/\/abc123\.execute-api\.eu-west-1\.amazonaws\.com/);
    expect(run.stdout).toMatch(
      /Alarms\n\s+ALARM\s+blogapp-staging-api-5xx — Threshold crossed: 12 > 5\n\s+OK\s+blogapp-staging-function-errors/,
    );
    expect(run.stdout).toMatch(/comment-stream\s+blogapp-staging-comment-stream: version 5/);
    expect(run.calls).toContain(
      'aws cloudwatch describe-alarms --alarm-name-prefix blogapp-staging --region eu-west-1 --output json',
    );
  });

  it('says which CLI to install, without a stack trace, when the AWS CLI is missing', async () => {
    const run = await cli('status', ['--env', 'staging'], true, ['sam', 'git']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('`aws` was not found on PATH.');
    expect(run.stderr).toContain('→ Install the AWS CLI v2');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says to deploy first when the stack does not exist', async () => {
    const run = await cli('status', ['--env', 'staging'], false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Stack blogapp-staging does not exist in eu-west-1.');
    expect(run.stderr).toContain('npm run deploy -- --env staging');
  });
});

describe('npm run logs', () => {
  it('follows every function of the stack through sam logs', async () => {
    const run = await cli('logs', ['--env', 'staging', '--follow']);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual(['sam logs --stack-name blogapp-staging --region eu-west-1 --tail']);
  });

  it('points to --function and the AWS CLI alone when the SAM CLI is missing', async () => {
    const run = await cli('logs', ['--env', 'staging'], true, ['aws', 'git']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the AWS SAM CLI is not on PATH');
    expect(run.stderr).toContain('npm run logs -- --env staging --function api');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('tails one function’s log group, as Lambda reports it', async () => {
    const run = await cli('logs', ['--env', 'staging', '--function', 'api', '--profile', 'ops']);
    expect(run.code).toBe(0);
    expect(run.calls.at(-2)).toBe(
      'aws lambda get-function-configuration --function-name blogapp-staging-api --region eu-west-1 --profile ops --output json',
    );
    expect(run.calls.at(-1)).toBe(
      'aws logs tail /aws/lambda/blogapp-staging-api --since 1h --format short --region eu-west-1 --profile ops',
    );
  });

  it('names the functions it knows when given another', async () => {
    const run = await cli('logs', ['--env', 'staging', '--function', 'worker']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--function worker is not one of api, websocket, comment-stream, broadcast.',
    );
  });
});
