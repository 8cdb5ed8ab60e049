import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process.js';

/** Nowhere for the SDK's credential chain to find any: environment, files, container or instance metadata. */
const NO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_WEB_IDENTITY_TOKEN_FILE: '',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** `npm run deploy` as a process: what it refuses before touching AWS, with its exit codes. */
describe('npm run deploy arguments', () => {
  // A dead endpoint: should any of these reach for AWS, it would fail loudly instead of going out.
  const env = {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'none',
    AWS_SECRET_ACCESS_KEY: 'none',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };

  it('rejects an unknown environment and an unknown engine with the usage (exit 2)', async () => {
    const badEnv = await runCliProcess('src/entry/cli/deploy.ts', ['--env', 'qa'], { env });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain(
      '--env qa is not an environment: use one of development, staging, production.',
    );
    expect(badEnv.stderr).toContain('--allow-replacement ID');

    const badEngine = await runCliProcess(
      'src/entry/cli/deploy.ts',
      ['--env', 'staging', '--engine', 'pulumi'],
      { env },
    );
    expect(badEngine.code).toBe(2);
    expect(badEngine.stderr).toContain(
      '--engine pulumi is not an engine: use one of cloudformation, terraform.',
    );
  });

  it('refuses production without a terminal and without --auto-approve, before anything else', async () => {
    const run = await runCliProcess('src/entry/cli/deploy.ts', ['--env', 'prod'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '✗ Production deploys ask for confirmation, and there is no terminal to ask on.',
    );
    expect(run.stderr).toContain('→ Run it from a terminal, or pass --auto-approve');
  });

  it("refuses the SAM engine's options with --engine terraform instead of ignoring them (exit 2)", async () => {
    const recover = await runCliProcess(
      'src/entry/cli/deploy.ts',
      ['--env', 'staging', '--engine', 'terraform', '--recover'],
      { env },
    );
    expect(recover.code).toBe(2);
    expect(recover.stderr).toContain(
      '--recover: an option of the cloudformation (SAM) engine; --engine terraform does not take it.',
    );

    const both = await runCliProcess(
      'src/entry/cli/deploy.ts',
      ['--env', 'staging', '--engine', 'terraform', '--artifacts-bucket', 'b', '--moto-rehearsal'],
      { env },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      '--artifacts-bucket, --moto-rehearsal: options of the cloudformation (SAM) engine; --engine terraform does not take them.',
    );
  });

  it('--engine terraform --rollback without TF_STATE_BUCKET says how to get one, before terraform init', async () => {
    const run = await runCliProcess(
      'src/entry/cli/deploy.ts',
      ['--env', 'staging', '--engine', 'terraform', '--rollback'],
      { env: { ...env, TF_STATE_BUCKET: '' } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("✗ No state bucket: Terraform keeps each environment's state in S3.");
    expect(run.stderr).toContain('then set TF_STATE_BUCKET to its name');
    expect(run.stderr).not.toContain('terraform init');
  });

  it('--outputs-file removes what an earlier run left before deploying, and is refused with --rollback or --plan-only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-deploy-cli-outputs-'));
    const path = join(dir, 'outputs.json');
    try {
      await writeFile(path, '{"ApiUrl":"https://an-earlier-run"}\n');
      // Stops at the missing state bucket, before any output exists: no file rather than the stale one.
      const failed = await runCliProcess(
        'src/entry/cli/deploy.ts',
        ['--env', 'staging', '--engine', 'terraform', '--outputs-file', path],
        { env: { ...env, TF_STATE_BUCKET: '' } },
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('✗ No state bucket');
      await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });

      const rollback = await runCliProcess(
        'src/entry/cli/deploy.ts',
        ['--env', 'staging', '--rollback', '--outputs-file', path],
        { env },
      );
      expect(rollback.code).toBe(2);
      expect(rollback.stderr).toContain('--outputs-file: --rollback deploys nothing');

      // Nor with --plan-only, rather than silently removing the file and writing none.
      await writeFile(path, '{"ApiUrl":"https://an-earlier-run"}\n');
      const planOnly = await runCliProcess(
        'src/entry/cli/deploy.ts',
        ['--env', 'staging', '--plan-only', '--outputs-file', path],
        { env },
      );
      expect(planOnly.code).toBe(2);
      expect(planOnly.stderr).toContain('--outputs-file: --plan-only deploys nothing');
      await expect(readFile(path, 'utf8')).resolves.toContain('an-earlier-run');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--rollback without AWS credentials says how to sign in, not a stack trace', async () => {
    const run = await runCliProcess('src/entry/cli/deploy.ts', ['--env', 'development', '--rollback'], {
      env: { ...env, ...NO_CREDENTIALS },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✗ AWS credentials are missing or not valid:');
    expect(run.stderr).toContain('→ Sign in (`aws sso login`, or `aws configure`), or pass --profile');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('--rollback when AWS cannot be reached says to check the network, not a stack trace', async () => {
    const run = await runCliProcess('src/entry/cli/deploy.ts', ['--env', 'development', '--rollback'], {
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✗ AWS could not be reached:');
    expect(run.stderr).toContain('→ Check the network');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses --moto-rehearsal unless the endpoint is an emulator on loopback', async () => {
    const run = await runCliProcess('src/entry/cli/deploy.ts', ['--env', 'staging', '--moto-rehearsal'], {
      env: { ...env, AWS_ENDPOINT_URL: 'https://cloudformation.eu-west-1.amazonaws.com' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--moto-rehearsal needs AWS_ENDPOINT_URL pointing at moto_server on loopback.',
    );
  });
});
