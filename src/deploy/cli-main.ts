import { CommandNotFoundError } from './command.js';
import { DeployError, UsageError } from './errors.js';

/**
 * Runs a CLI's work and turns its outcome into output and an exit code: 0 done, 1 failed (with what to do
 * next), 2 bad arguments (with the usage). The work may return its own exit code (a child's, for `logs`).
 */
export async function runCli(usage: string, work: () => Promise<unknown>): Promise<void> {
  // `npm run status | head` closes the pipe early: stop quietly instead of a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    const code = await work();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else if (error instanceof DeployError || error instanceof CommandNotFoundError) {
      const failure = error instanceof DeployError ? error : missingProgram(error);
      console.error(`\n✗ ${failure.message}\n→ ${failure.whatNext}`);
      process.exitCode = 1;
    } else {
      console.error(`\n✗ ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    }
  }
}

/** Where to get each tool the CLIs run, for a machine that lacks it. */
const INSTALL: Record<string, string> = {
  aws: 'install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)',
  sam: 'install the AWS SAM CLI (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html)',
  terraform: 'install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)',
  git: 'install git',
};

function missingProgram(error: CommandNotFoundError): DeployError {
  const install = INSTALL[error.program] ?? `install \`${error.program}\``;
  return new DeployError(
    `${error.message}.`,
    `${install[0]?.toUpperCase()}${install.slice(1)}, then run again.`,
  );
}
