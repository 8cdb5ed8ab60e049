import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Killed after this long; the promise rejects. */
  timeoutMs?: number;
}

/** A process the bench started and must stop. */
export interface RunningProcess {
  child: ChildProcess;
  /** stdout and stderr so far, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a process to its end and returns the JSON object its last stdout line holds. */
export async function runJson<T>(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<T> {
  const running = startProcess(command, args, options);
  let stdout = '';
  running.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const timer = setTimeout(() => running.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => running.child.once('exit', resolve));
  clearTimeout(timer);
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${running.output()}`);
  }
  return JSON.parse(last) as T;
}
