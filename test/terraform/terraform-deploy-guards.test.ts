import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/deploy/canary/ports.js';
import { DeployError } from '../../src/deploy/errors.js';
import { environmentRoot } from '../../src/deploy/terraform/roots.js';
import { terraformCli } from '../../src/deploy/terraform/terraform-cli.js';
import {
  runTerraformDeploy,
  runTerraformRollback,
  type TerraformDeployDeps,
  type TerraformDeployOptions,
} from '../../src/deploy/terraform/terraform-deploy.js';
import { repoRoot } from '../support/cli-process.js';
import { type GitCheckout, gitCheckout } from './support/git-checkout.js';

// The refusals that come before any AWS call. Nothing here reaches AWS: the aliases, alarms and bundles
// fail the test if touched (a stand-in only because these paths must never get that far). terraform is the
// real one (its version is checked first); git is real, in a temporary checkout.
const untouchable = (what: string) => () => {
  throw new Error(`${what} must not be used`);
};
const lines: string[] = [];
let release: GitCheckout;
let feature: GitCheckout;
beforeAll(async () => {
  [release, feature] = await Promise.all([gitCheckout('production'), gitCheckout('main')]);
});
afterAll(async () => {
  await Promise.all([release?.dispose(), feature?.dispose()]);
});

const deps: TerraformDeployDeps = {
  root: repoRoot,
  get runner() {
    return release.runner;
  },
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
  allowReplacement: [],
  skipSmoke: false,
  ...overrides,
});

/** What CI runs: production, no prompt, a state bucket (never reached: the refusals come first). */
const production = options({ environment: 'production', autoApprove: true, stateBucket: 'state' });

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

  it('production from another branch is refused at preflight, as with the CloudFormation engine', async () => {
    const run = runTerraformDeploy(production, { ...deps, runner: feature.runner });
    await expect(run).rejects.toMatchObject({
      message: expect.stringMatching(
        /^production would deploy but not work:\n\s+branch: production deploys from the production branch, and this is main/,
      ),
      whatNext: expect.stringContaining('git checkout production'),
    });
    expect(lines).toContainEqual(expect.stringMatching(/\[1\/10\] preflight/));
  });

  it('production from a tree with uncommitted changes is refused at preflight', async () => {
    const dirty = await gitCheckout('production');
    try {
      await writeFile(join(dirty.dir, 'local-change.txt'), 'not committed\n');
      await expect(runTerraformDeploy(production, { ...deps, runner: dirty.runner })).rejects.toThrow(
        /^Production deploys need a clean tree; 1 uncommitted change\(s\):\n\s+\?\? local-change\.txt/,
      );
    } finally {
      await dirty.dispose();
    }
  });

  it("refuses the environment root's sample settings, naming the Terraform argument to change", async () => {
    const root = await mkdtemp(join(tmpdir(), 'blogapp-tf-settings-'));
    try {
      const rootDir = environmentRoot(root, 'production');
      await mkdir(rootDir, { recursive: true });
      await cp(join(environmentRoot(repoRoot, 'production'), 'main.tf'), join(rootDir, 'main.tf'));
      const mainTf = await readFile(join(rootDir, 'main.tf'), 'utf8');
      await writeFile(
        join(rootDir, 'main.tf'),
        mainTf.replace('# alarm_email       = "you@example.com"', 'alarm_email = "you@example.com"'),
      );
      await expect(runTerraformDeploy(production, { ...deps, root })).rejects.toMatchObject({
        message: expect.stringMatching(/AlarmEmail: still the sample address you@example\.com/),
        whatNext: expect.stringContaining(
          'module "stack" in infrastructure/terraform/environments/production/main.tf (AllowedOrigins is allowed_origins, AlarmEmail is alarm_email',
        ),
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a failed terraform init shows what terraform said: its output is captured, not on the terminal', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-init-'));
    try {
      const run = runTerraformRollback(
        { environment: 'staging' },
        {
          ...deps,
          backendConfig: [join(dataDir, 'missing.tfbackend')],
          terraform: (cwd) =>
            terraformCli({ cwd, env: { ...process.env, TF_DATA_DIR: dataDir, CHECKPOINT_DISABLE: '1' } }),
        },
      );
      await expect(run).rejects.toMatchObject({
        message: 'terraform init failed (exit 1): Error: Failed to read file',
        whatNext: expect.stringMatching(
          /^terraform said:\n {4}Error: Failed to read file\n {4}The file .*missing\.tfbackend/,
        ),
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('without AWS credentials terraform init says how to sign in, as the SAM engine does', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-creds-'));
    // No credentials anywhere Terraform's AWS backend looks: environment, files, the EC2 metadata service.
    const {
      AWS_ACCESS_KEY_ID: _id,
      AWS_SECRET_ACCESS_KEY: _secret,
      AWS_SESSION_TOKEN: _token,
      AWS_PROFILE: _profile,
      ...rest
    } = process.env;
    const env = {
      ...rest,
      TF_DATA_DIR: dataDir,
      CHECKPOINT_DISABLE: '1',
      AWS_CONFIG_FILE: join(dataDir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dataDir, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    try {
      const run = runTerraformRollback(
        {
          environment: 'staging',
          stateBucket: 'blogapp-terraform-state-123456789012',
          profile: 'blogapp-dev',
        },
        { ...deps, terraform: (cwd) => terraformCli({ cwd, env }) },
      );
      await expect(run).rejects.toMatchObject({
        message: expect.stringMatching(
          /^AWS credentials are missing or not valid: .*No valid credential sources/,
        ),
        whatNext: expect.stringContaining('aws sso login --profile blogapp-dev'),
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('--rollback without a state bucket says how to create one, before terraform runs', async () => {
    const run = runTerraformRollback(
      { environment: 'staging' },
      { ...deps, terraform: untouchable('terraform') },
    );
    await expect(run).rejects.toMatchObject({
      message: expect.stringMatching(/^No state bucket/),
      whatNext: expect.stringMatching(/bootstrap root .* TF_STATE_BUCKET/),
    });
  });
});
