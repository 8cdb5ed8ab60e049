import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentRoot } from '../../src/deploy/terraform/roots.js';
import { terraformCli } from '../../src/deploy/terraform/terraform-cli.js';
import { repoRoot, runCliProcess } from '../support/cli-process.js';
import { MOTO_STATE_BUCKET, motoBackend, motoVariables } from './support/moto-backend.js';
import { type MotoServer, startMotoServer } from './support/moto-server.js';
import { type TerraformTestEnv, terraformTestEnv } from './support/terraform-env.js';

// `npm run deploy -- --engine terraform` as a process, with the real terraform against moto: what the entry
// takes from its arguments (--region, the --allow-replacement names) and the version its preflight reads
// reach the engine and the saved plan. The backend and the emulator's variables come through terraform's
// own TF_CLI_ARGS_* environment variables, so the CLI runs exactly as an operator would run it.
const TIMEOUT = 600_000;
let moto: MotoServer;
let tf: TerraformTestEnv;
let backendFile: string;

beforeAll(async () => {
  moto = await startMotoServer();
  tf = await terraformTestEnv(moto.env);
  backendFile = await motoBackend(moto, tf.dir);
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  await tf?.dispose();
});

describe('npm run deploy -- --engine terraform', () => {
  it('plans in the --region given, with the git revision as app_version; refuses a name the plan does not replace', {
    timeout: TIMEOUT,
  }, async () => {
    const emulator = Object.entries(motoVariables(moto)).map(([key, value]) => `-var=${key}=${value}`);
    const run = await runCliProcess(
      'src/entry/cli/deploy.ts',
      [
        ...['--env', 'development', '--engine', 'terraform', '--plan-only', '--region', 'eu-west-1'],
        ...['--allow-replacement', 'module.stack.module.data.aws_dynamodb_table.typo'],
      ],
      {
        env: {
          ...moto.env,
          ...tf.env('cli'),
          TF_STATE_BUCKET: MOTO_STATE_BUCKET,
          TF_CLI_ARGS_init: `-backend-config=${backendFile}`,
          TF_CLI_ARGS_plan: emulator.join(' '),
        },
      },
    );
    expect(run.stderr).toContain(
      '✗ --allow-replacement module.stack.module.data.aws_dynamodb_table.typo: it is not among what this plan replaces or deletes (no table, bucket, secret or user pool), so nothing was applied.',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'blogapp plan → development (Terraform, infrastructure/terraform/environments/development, eu-west-1)',
    );

    const revision = (
      await promisify(execFile)('git', ['describe', '--always', '--dirty', '--abbrev=12'], { cwd: repoRoot })
    ).stdout.trim();
    const shown = await terraformCli({
      cwd: environmentRoot(repoRoot, 'development'),
      env: { ...process.env, ...moto.env, ...tf.env('cli') },
    }).run(['show', '-json', '-no-color', join(repoRoot, 'dist/terraform/development/development.tfplan')]);
    const { variables } = JSON.parse(shown.stdout) as { variables: Record<string, { value: unknown }> };
    expect(variables.region?.value).toBe('eu-west-1');
    expect(variables.app_version?.value).toBe(revision);
  });
});
