import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { type Command, CommandNotFoundError, type CommandResult, type CommandRunner } from './command.js';

export interface SpawnRunnerOptions {
  /** The project root; commands' `cwd` is relative to it. */
  root: string;
  /** Where streamed output goes (the terminal). */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Runs commands for real: spawn without a shell, output captured (and shown live when asked). */
export function spawnRunner({ root, stdout, stderr }: SpawnRunnerOptions): CommandRunner {
  return {
    run: (command: Command) =>
      new Promise<CommandResult>((done, fail) => {
        const child = spawn(command.program, command.args, {
          cwd: resolve(root, command.cwd ?? '.'),
          stdio: command.interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout?.on('data', (chunk: Buffer) => {
          out.push(chunk);
          if (command.stream) stdout.write(chunk);
        });
        child.stderr?.on('data', (chunk: Buffer) => {
          err.push(chunk);
          if (command.stream) stderr.write(chunk);
        });
        child.once('error', (error: NodeJS.ErrnoException) =>
          fail(error.code === 'ENOENT' ? new CommandNotFoundError(command.program) : error),
        );
        child.once('close', (code, signal) =>
          done({
            code: code ?? (signal ? 128 : 1),
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          }),
        );
      }),
  };
}
