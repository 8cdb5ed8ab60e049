import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { sdkAlarmWatch, sdkLambdaAliases } from '../canary/aws-adapters.js';
import { systemClock } from '../canary/ports.js';
import { askYesNo } from '../confirm.js';
import type { Print } from '../progress.js';
import { deploySite } from '../site/deploy-site.js';
import { spawnRunner } from '../spawn-runner.js';
import { verifyDeployment } from '../verify-deployment.js';
import { buildFunctionZips } from './bundles.js';
import { sdkLoginBrandings } from './login-branding.js';
import { terraformCli } from './terraform-cli.js';
import type { TerraformDeployDeps } from './terraform-deploy.js';

export interface TerraformEngineSettings {
  root: string;
  /** The CLI's environment variables, handed over by the entry point: AWS credentials, PATH. */
  env: NodeJS.ProcessEnv;
  print: Print;
  region?: string;
  profile?: string;
  skipSmoke: boolean;
  smokeToken?: string;
}

/**
 * What `npm run deploy -- --engine terraform` runs with: terraform on PATH (its output streamed to the
 * terminal), git for the preflight, the real bundles, the SDK for aliases and alarms, the health check and
 * smoke suite.
 */
export function terraformEngineDeps(settings: TerraformEngineSettings): TerraformDeployDeps {
  const client = {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
  };
  const awsEnv = {
    ...(settings.region ? { AWS_REGION: settings.region } : {}),
    ...(settings.profile ? { AWS_PROFILE: settings.profile } : {}),
  };
  return {
    root: settings.root,
    runner: spawnRunner({ root: settings.root, stdout: process.stdout, stderr: process.stderr }),
    print: settings.print,
    interactive: Boolean(process.stdin.isTTY),
    confirm: askYesNo,
    terraform: (cwd) => terraformCli({ cwd, env: { ...settings.env, ...awsEnv }, output: process.stdout }),
    buildZips: buildFunctionZips,
    aliases: sdkLambdaAliases(new LambdaClient(client)),
    alarms: sdkAlarmWatch(new CloudWatchClient(client)),
    clock: systemClock,
    loginBrandings: sdkLoginBrandings(new CognitoIdentityProviderClient(client)),
    publishSite: (outputs, progress) => deploySite(outputs, client, progress),
    verify: (outputs, progress) =>
      verifyDeployment(
        outputs,
        {
          skipSmoke: settings.skipSmoke,
          ...(settings.smokeToken ? { smokeToken: settings.smokeToken } : {}),
          aws: client,
        },
        progress,
      ),
  };
}
