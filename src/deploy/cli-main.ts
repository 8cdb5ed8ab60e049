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
    } else if (error instanceof DeployError) {
      console.error(`\n✗ ${error.message}\n→ ${error.whatNext}`);
      process.exitCode = 1;
    } else {
      console.error(`\n✗ ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    }
  }
}
