import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/deploy/canary/ports.js';
import { DeployError } from '../../src/deploy/errors.js';
import { terraformCli } from '../../src/deploy/terraform/terraform-cli.js';
import {
  runTerraformDeploy,
  type TerraformDeployDeps,
  type TerraformDeployOptions,
} from '../../src/deploy/terraform/terraform-deploy.js';
import { repoRoot } from '../support/cli-process.js';

// The refusals that come before any AWS call. Nothing here reaches AWS: the aliases, alarms and bundles
// fail the test if touched (a stand-in only because these paths must never get that far).
const untouchable = (what: string) => () => {
  throw new Error(`${what} must not be used`);
};
const lines: string[] = [];
const deps: TerraformDeployDeps = {
  root: repoRoot,
  print: (line) => lines.push(line),
  interactive: false,
  confirm: untouchable('confirm'),
  terraform: (cwd) => terraformCli({ cwd, env: process.env }),
  buildZips: untouchable('buildZips'),
  aliases: {
    getAlias: untouchable('getAlias'),
    updateAlias: untouchable('updateAlias'),
    listVersions: untouchable('listVersions'),
  },
  alarms: { inAlarm: untouchable('inAlarm') },
  clock: systemClock,
  loginBrandings: { exists: untouchable('exists'), create: untouchable('create') },
  publishSite: untouchable('publishSite'),
  verify: untouchable('verify'),
};
const options = (overrides: Partial<TerraformDeployOptions>): TerraformDeployOptions => ({
  environment: 'staging',
  planOnly: false,
  autoApprove: false,
  allowReplacement: false,
  skipSmoke: false,
  ...overrides,
});

describe('Terraform engine refusals', () => {
  it('production without --auto-approve and without a terminal refuses before doing anything', async () => {
    await expect(runTerraformDeploy(options({ environment: 'production' }), deps)).rejects.toThrow(
      /Production deploys ask for confirmation, and there is no terminal to ask on/,
    );
  });

  it('without a state bucket it says how to create one', async () => {
    const run = runTerraformDeploy(options({}), deps);
    await expect(run).rejects.toBeInstanceOf(DeployError);
    await expect(run).rejects.toMatchObject({
      message: expect.stringMatching(/^No state bucket/),
      whatNext: expect.stringMatching(/bootstrap root .* TF_STATE_BUCKET/),
    });
  });
});
