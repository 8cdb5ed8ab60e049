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

/** Runs commands. The deploy CLI has one; `--dry-run` and the tests swap it. */
export interface CommandRunner {
  /** True when commands are printed instead of run: callers then have no output to read. */
  readonly dryRun: boolean;
  run(command: Command): Promise<CommandResult>;
}

/** The program is not on PATH (spawn's ENOENT). */
export class CommandNotFoundError extends Error {
  override name = 'CommandNotFoundError';
  constructor(readonly program: string) {
    super(`\`${program}\` was not found on PATH`);
  }
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The command as a line a POSIX shell would run unchanged (what `--dry-run` prints). */
export function formatCommand(command: Command): string {
  const line = [command.program, ...command.args].map(quote).join(' ');
  return command.cwd ? `(cd ${quote(command.cwd)} && ${line})` : line;
}

function quote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
