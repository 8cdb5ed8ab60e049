import { describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process.js';

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
