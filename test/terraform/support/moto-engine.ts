import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { deterministicZip } from '../../../src/deploy/bundles/deterministic-zip.js';
import { sdkAlarmWatch, sdkLambdaAliases } from '../../../src/deploy/canary/aws-adapters.js';
import { systemClock } from '../../../src/deploy/canary/ports.js';
import type { StackOutputs } from '../../../src/deploy/engines/engine.js';
import { spawnRunner } from '../../../src/deploy/spawn-runner.js';
import type { FunctionZip } from '../../../src/deploy/terraform/bundles.js';
import { terraformCli } from '../../../src/deploy/terraform/terraform-cli.js';
import type { Outputs, TerraformDeployDeps } from '../../../src/deploy/terraform/terraform-deploy.js';
import { repoRoot } from '../../support/cli-process.js';
import { motoVariables } from './moto-backend.js';
import { type MotoServer, motoClientConfig } from './moto-server.js';
import type { TerraformTestEnv } from './terraform-env.js';

export const FUNCTION_IDS = [
  'ApiFunction',
  'WebSocketFunction',
  'CommentStreamFunction',
  'BroadcastFunction',
];

/** Tiny stand-in bundles, where what the code does does not matter; another `release` is another version. */
export async function placeholderZips(outDir: string, release = 'first'): Promise<FunctionZip[]> {
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    FUNCTION_IDS.map(async (logicalId) => {
      const zip = deterministicZip([
        {
          path: 'index.mjs',
          contents: new TextEncoder().encode(
            `export const handler = async () => ({ release: '${release}' });`,
          ),
        },
      ]);
      const path = join(outDir, `${logicalId}.zip`);
      await writeFile(path, zip);
      return { logicalId, path, bytes: zip.byteLength };
    }),
  );
}

/**
 * The engine's dependencies pointed at moto: terraform with the test's CLI config and dummy credentials,
 * the backend at moto's S3, the SDK adapters at moto. `verify` records the outputs instead of calling the
 * health check and smoke suite, because moto stores functions but does not run them.
 */
export function motoEngineDeps(
  moto: MotoServer,
  tf: TerraformTestEnv,
  settings: {
    backendFile: string;
    workDir: string;
    print: (line: string) => void;
    buildZips: TerraformDeployDeps['buildZips'];
    verified?: Outputs[];
    /** The managed login brandings created, as `<user pool id>/<client id>`. */
    brandings?: Set<string>;
    /** The outputs each deploy handed the site publisher. */
    published?: StackOutputs[];
  },
): TerraformDeployDeps & { dispose(): void } {
  const lambda = new LambdaClient(motoClientConfig(moto));
  const cloudwatch = new CloudWatchClient(motoClientConfig(moto));
  return {
    root: repoRoot,
    // Real git in this checkout: the preflight's version (development and staging check no branch).
    runner: spawnRunner({ root: repoRoot, stdout: process.stdout, stderr: process.stderr }),
    print: settings.print,
    interactive: false,
    confirm: async () => false,
    terraform: (cwd) => terraformCli({ cwd, env: { ...process.env, ...tf.env('engine'), ...moto.env } }),
    buildZips: settings.buildZips,
    aliases: sdkLambdaAliases(lambda),
    alarms: sdkAlarmWatch(cloudwatch),
    clock: systemClock,
    // A hand-written stand-in: moto 5.2.1 has no managed login brandings (its real adapter is sdkLoginBrandings).
    loginBrandings: {
      exists: async (pool, client) => settings.brandings?.has(`${pool}/${client}`) ?? false,
      create: async (pool, client) => {
        settings.brandings?.add(`${pool}/${client}`);
      },
    },
    // Moto has no CloudFront distribution to publish behind (MOTO_SKIPS); the publisher itself is tested
    // against s3rver in test/deploy/site. What it would be handed is recorded.
    publishSite: async (outputs) => {
      settings.published?.push(outputs);
    },
    verify: async (outputs) => {
      settings.verified?.push(outputs);
      return undefined;
    },
    backendConfig: [settings.backendFile],
    variables: motoVariables(moto),
    workDir: settings.workDir,
    dispose: () => {
      lambda.destroy();
      cloudwatch.destroy();
    },
  };
}
