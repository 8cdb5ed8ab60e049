import { type Command, type CommandRunner, formatCommand } from './command.js';

/** `--dry-run`: prints each command exactly as it would run, runs nothing, and answers with empty output. */
export function dryRunRunner(print: (line: string) => void): CommandRunner {
  return {
    dryRun: true,
    run: async (command: Command) => {
      print(`      $ ${formatCommand(command)}`);
      return { code: 0, stdout: '', stderr: '' };
    },
  };
}
