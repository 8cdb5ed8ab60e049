import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runTerraformDeploy,
  type TerraformDeployOptions,
} from '../../src/deploy/terraform/terraform-deploy.js';
import { fakeClock } from './support/fake-clock.js';
import { type GitCheckout, gitCheckout } from './support/git-checkout.js';
import { motoBackend } from './support/moto-backend.js';
import { motoEngineDeps, placeholderZips } from './support/moto-engine.js';
import { type MotoServer, motoClientConfig, startMotoServer } from './support/moto-server.js';
import { type TerraformTestEnv, terraformTestEnv } from './support/terraform-env.js';

// Production through the Terraform engine against moto: Terraform publishes each new version but leaves
// `live` alone, and the engine's canary moves it (10 %, bake, promote). Time is fake so the bake is instant;
// the stand-in bundles differ between the two deploys so the second one publishes new versions. moto is
// thrown away afterwards instead of destroyed: production's table has deletion protection.
const TIMEOUT = 600_000;
const FUNCTIONS = ['api', 'websocket', 'comment-stream', 'broadcast'].map(
  (name) => `blogapp-production-${name}`,
);
let moto: MotoServer;
let tf: TerraformTestEnv;
let workDir: string;
let lambda: LambdaClient;
let engine: ReturnType<typeof motoEngineDeps>;
/** Production's preflight reads git: a clean checkout of the release branch. */
let release: GitCheckout;
const lines: string[] = [];

const production: TerraformDeployOptions = {
  environment: 'production',
  planOnly: false,
  autoApprove: true,
  allowReplacement: [],
  skipSmoke: false,
};

beforeAll(async () => {
  moto = await startMotoServer();
  tf = await terraformTestEnv(moto.env);
  workDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-canary-'));
  lambda = new LambdaClient(motoClientConfig(moto));
  release = await gitCheckout('production');
  engine = {
    ...motoEngineDeps(moto, tf, {
      backendFile: await motoBackend(moto, tf.dir),
      workDir,
      print: (line) => lines.push(line),
      buildZips: placeholderZips,
    }),
    runner: release.runner,
  };
}, 120_000);

afterAll(async () => {
  lambda?.destroy();
  engine?.dispose();
  await moto?.stop();
  await tf?.dispose();
  await release?.dispose();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const liveOf = async (functionName: string) => {
  const alias = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
  return { version: alias.FunctionVersion, weights: alias.RoutingConfig?.AdditionalVersionWeights ?? {} };
};

describe('Terraform engine in production (canary without CodeDeploy)', () => {
  it('the first deploy creates live on the first version: nothing to shift', {
    timeout: TIMEOUT,
  }, async () => {
    const clock = fakeClock();
    await runTerraformDeploy(production, { ...engine, clock });
    expect(clock.polls).toBe(0);
    expect(lines).toContainEqual(expect.stringContaining('already serves'));
    for (const name of FUNCTIONS) expect(await liveOf(name)).toEqual({ version: '1', weights: {} });
  });

  it('the next deploy publishes version 2, which gets 10 % of live, bakes, and is promoted', {
    timeout: TIMEOUT,
  }, async () => {
    const midBake: unknown[] = [];
    const clock = fakeClock(async (poll) => {
      if (poll === 1) midBake.push(...(await Promise.all(FUNCTIONS.map(liveOf))));
    });
    await runTerraformDeploy(production, {
      ...engine,
      clock,
      buildZips: (dir) => placeholderZips(dir, 'second'),
    });

    expect(midBake).toEqual(FUNCTIONS.map(() => ({ version: '1', weights: { '2': 0.1 } })));
    for (const name of FUNCTIONS) expect(await liveOf(name)).toEqual({ version: '2', weights: {} });
  });
});
