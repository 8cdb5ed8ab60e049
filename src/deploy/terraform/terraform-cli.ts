import { spawn } from 'node:child_process';
import { CommandNotFoundError, type CommandResult } from '../command.js';

/** Runs `terraform <args>` in one root directory, with the environment it needs (data dir, CLI config, creds). */
export interface TerraformCli {
  run(args: string[], options?: { stream?: boolean }): Promise<CommandResult>;
}

export interface TerraformCliOptions {
  /** The root module's directory (infrastructure/terraform/environments/<env>). */
  cwd: string;
  /** terraform's whole environment (the entry point hands over its own, the tests add TF_DATA_DIR, AWS_*...). */
  env: NodeJS.ProcessEnv;
  /** Where streamed output goes (the terminal for apply, which takes minutes). */
  output?: NodeJS.WritableStream;
}

/** Spawns terraform without a shell; `-input=false`-style flags are the callers' (see terraform-commands). */
export function terraformCli({ cwd, env, output }: TerraformCliOptions): TerraformCli {
  return {
    run: (args, { stream = false } = {}) =>
      new Promise<CommandResult>((done, fail) => {
        const child = spawn('terraform', args, {
          cwd,
          env: { ...env, TF_IN_AUTOMATION: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => {
          out.push(chunk);
          if (stream) output?.write(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          err.push(chunk);
          if (stream) output?.write(chunk);
        });
        child.once('error', (error: NodeJS.ErrnoException) =>
          fail(error.code === 'ENOENT' ? new CommandNotFoundError('terraform') : error),
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
