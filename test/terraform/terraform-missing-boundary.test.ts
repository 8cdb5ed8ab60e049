import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployError } from '../../src/deploy/errors.js';
import { runTerraformDeploy } from '../../src/deploy/terraform/terraform-deploy.js';
import { motoBackend } from './support/moto-backend.js';
import { motoEngineDeps, placeholderZips } from './support/moto-engine.js';
import { type MotoServer, motoClientConfig, startMotoServer } from './support/moto-server.js';
import { type TerraformTestEnv, terraformTestEnv } from './support/terraform-env.js';

// An account where deploy-role.yaml was never deployed for the environment: its permissions boundary is
// missing, and every function role must carry it. The plan looks it up, so the deploy stops there, before
// anything is created, and says which stack makes it.
let moto: MotoServer;
let tf: TerraformTestEnv;
let workDir: string;
let backendFile: string;

beforeAll(async () => {
  moto = await startMotoServer();
  tf = await terraformTestEnv(moto.env);
  workDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-boundary-'));
  backendFile = await motoBackend(moto, tf.dir, { boundaries: ['staging', 'production'] });
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  await tf?.dispose();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('a Terraform deploy without the environment’s permissions boundary', () => {
  it('stops at the plan, naming the boundary and the stack that creates it', {
    timeout: 600_000,
  }, async () => {
    const engine = motoEngineDeps(moto, tf, {
      backendFile,
      workDir,
      print: () => {},
      buildZips: placeholderZips,
    });
    const options = {
      environment: 'development' as const,
      planOnly: false,
      autoApprove: true,
      allowReplacement: [],
      skipSmoke: true,
    };
    try {
      const failure = await runTerraformDeploy(options, engine).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DeployError);
      const { message, whatNext } = failure as DeployError;
      expect(message).toBe(
        "terraform plan failed (exit 1): Error: reading IAM Policy (arn:aws:iam::123456789012:policy/blogapp-development-boundary): couldn't find resource",
      );
      expect(whatNext).toContain(
        'deploying infrastructure/aws-sam/deploy-role.yaml as stack blogapp-deploy-role-development',
      );
      // Nothing was created.
      const dynamodb = new DynamoDBClient(motoClientConfig(moto));
      expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      dynamodb.destroy();
    } finally {
      engine.dispose();
    }
  });
});
