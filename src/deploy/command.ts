/** One external command, as argv: run with spawn and no shell, so nothing in it is ever interpreted. */
export interface Command {
  program: string;
  args: string[];
  /** Where to run it, relative to the project root (`infrastructure/aws-sam` for sam build/deploy). */
  cwd?: string;
  /** Also show its output live (sam build and deploy take minutes; the operator watches them). */
  stream?: boolean;
  /** Hand it the terminal, stdin included (`logs --follow`): nothing is captured. */
  interactive?: boolean;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs commands (git for the deploy; the AWS and SAM CLIs for status and logs). The tests swap it. */
export interface CommandRunner {
  run(command: Command): Promise<CommandResult>;
}

/** The program is not on PATH (spawn's ENOENT). */
export class CommandNotFoundError extends Error {
  override name = 'CommandNotFoundError';
  constructor(readonly program: string) {
    super(`\`${program}\` was not found on PATH`);
  }
}
