import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandNotFoundError } from '../../src/deploy/command.js';
import { TERRAFORM_DIR, TERRAFORM_ROOTS } from '../../src/deploy/terraform/roots.js';
import { terraformCli } from '../../src/deploy/terraform/terraform-cli.js';
import { repoRoot } from '../support/cli-process.js';
import { type TerraformTestEnv, terraformMissingMessage, terraformTestEnv } from './support/terraform-env.js';

const terraformDir = join(repoRoot, TERRAFORM_DIR);
let tf: TerraformTestEnv;

beforeAll(async () => {
  tf = await terraformTestEnv();
});
afterAll(() => tf.dispose());

async function terraform(cwd: string, args: string[], dataDir = 'fmt') {
  try {
    return await terraformCli({ cwd, env: { ...process.env, ...tf.env(dataDir) } }).run(args);
  } catch (error) {
    if (error instanceof CommandNotFoundError) throw new Error(terraformMissingMessage());
    throw error;
  }
}

describe('infrastructure/terraform', () => {
  it('is formatted as `terraform fmt` writes it', async () => {
    const result = await terraform(terraformDir, ['fmt', '-check', '-recursive', '-diff', '-no-color']);
    expect(result.stdout, 'run `terraform fmt -recursive infrastructure/terraform`').toBe('');
    expect(result.code).toBe(0);
  });

  // Sequential: two cores, and each init unpacks the provider into its own data dir.
  it.each(TERRAFORM_ROOTS)(
    '%s initialises from its lock file and validates',
    { timeout: 300_000 },
    async (name) => {
      const cwd = join(terraformDir, name);
      const dataDir = name.replaceAll('/', '-');
      // -lockfile=readonly: the committed .terraform.lock.hcl must already pin what init installs.
      const init = await terraform(
        cwd,
        ['init', '-backend=false', '-input=false', '-no-color', '-lockfile=readonly'],
        dataDir,
      );
      expect(init.code, init.stderr).toBe(0);
      const validate = await terraform(cwd, ['validate', '-json', '-no-color'], dataDir);
      const report = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { summary: string }[] };
      expect(report.diagnostics.map((d) => d.summary)).toEqual([]);
      expect(report.valid).toBe(true);
    },
  );
});
