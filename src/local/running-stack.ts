import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';

/**
 * Where a running `make local` is, written into its data dir while it runs, so `make seed`, `make smoke`
 * and `npm run live` find it on whatever ports it was started with, and a second stack on the same data
 * dir can say which process holds it.
 */
export interface RunningStack {
  pid: number;
  apiUrl: string;
  wsUrl: string;
  /** The embedded DynamoDB, for the AWS CLI or any SDK (absent on the memory provider). */
  dynamodbEndpoint?: string;
  startedAt: string;
}

const FILE = 'stack.json';

/** Records the stack; the returned function removes the record (on a clean stop). */
export async function recordRunningStack(dataDir: string, stack: RunningStack): Promise<() => Promise<void>> {
  const file = join(dataDir, FILE);
  await writeFile(file, `${JSON.stringify(stack, null, 2)}\n`);
  return () => rm(file, { force: true });
}

/** The stack recorded in `dataDir`, if its process is still alive (a crashed stack leaves a stale record). */
export async function findRunningStack(dataDir: string): Promise<RunningStack | undefined> {
  let stack: RunningStack;
  try {
    stack = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as RunningStack;
  } catch {
    return undefined;
  }
  return isAlive(stack.pid) ? stack : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where the CLIs reach the local stack: the running one's record, else the ports `make local` would use. */
export async function localStackUrls(
  config: Pick<Config, 'dataDir' | 'local'>,
): Promise<{ apiUrl: string; wsUrl: string; running?: RunningStack }> {
  const running = await findRunningStack(config.dataDir);
  if (running) return { apiUrl: running.apiUrl, wsUrl: running.wsUrl, running };
  return { apiUrl: `http://127.0.0.1:${config.local.port}`, wsUrl: `ws://127.0.0.1:${config.local.wsPort}` };
}
