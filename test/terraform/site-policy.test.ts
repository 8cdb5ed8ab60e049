import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandNotFoundError } from '../../src/deploy/command.js';
import { TERRAFORM_DIR } from '../../src/deploy/terraform/roots.js';
import { terraformCli } from '../../src/deploy/terraform/terraform-cli.js';
import { repoRoot } from '../support/cli-process.js';
import { placeholderZips } from './support/moto-engine.js';
import { type TerraformTestEnv, terraformMissingMessage, terraformTestEnv } from './support/terraform-env.js';

/**
 * The stack module's site policy per identity provider, by Terraform's own test runner with a mocked AWS
 * provider (modules/stack/tests/site-policy.tftest.hcl): the Firebase branch the parity test's plan (of a
 * managed-cognito environment) does not reach. SAM's side is in test/infrastructure/site.test.ts.
 */
const stackModule = join(repoRoot, TERRAFORM_DIR, 'modules/stack');
let tf: TerraformTestEnv;

beforeAll(async () => {
  tf = await terraformTestEnv();
});
afterAll(() => tf?.dispose());

describe('the Terraform stack’s site policy', () => {
  it('allows Firebase’s endpoints only with auth_provider = firebase', { timeout: 300_000 }, async () => {
    const bundles = join(tf.dir, 'bundles');
    await placeholderZips(bundles);
    const terraform = terraformCli({ cwd: stackModule, env: { ...process.env, ...tf.env('site-policy') } });
    const run = (args: string[]) =>
      terraform.run(args).catch((error: unknown) => {
        if (error instanceof CommandNotFoundError) throw new Error(terraformMissingMessage());
        throw error;
      });
    // -lockfile=readonly: the module's committed lock file pins the same provider as the environments'.
    const init = await run(['init', '-backend=false', '-input=false', '-no-color', '-lockfile=readonly']);
    expect(init.code, init.stderr).toBe(0);
    const test = await run(['test', '-no-color', `-var=bundle_dir=${bundles}`]);
    expect(test.stdout + test.stderr).toContain('Success! 3 passed, 0 failed.');
    expect(test.code).toBe(0);
  });
});
