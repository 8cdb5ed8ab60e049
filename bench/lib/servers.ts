import { join } from 'node:path';
import { type RunningProcess, startProcess } from './child.js';
import { freePort } from './free-port.js';
import { firstResponse } from './http-probe.js';

/** How to start one HTTP server of the comparison on a given port. */
export interface ServerSpec {
  name: string;
  command: string;
  args(port: number): string[];
  env(port: number): Record<string, string>;
}

export interface LaunchedServer {
  url: string;
  /** Ms from spawning the process to its first 200 on the ready path. */
  firstMs: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts a server in a fresh process and waits for its first 200 on `readyPath`, timing it. */
export async function launch(spec: ServerSpec, readyPath: string): Promise<LaunchedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const running: RunningProcess = startProcess(spec.command, spec.args(port), { env: spec.env(port) });
  try {
    const firstMs = await firstResponse(`${url}${readyPath}`, started);
    return { url, firstMs, pid: running.child.pid, stop: running.stop };
  } catch (error) {
    await running.stop();
    throw new Error(`${spec.name} did not start: ${(error as Error).message}\n${running.output()}`);
  }
}

const PEERS_DIR = join(import.meta.dirname, '..', 'peers');

/** The FastAPI peer under uvicorn, without access logs (ours runs without request logs too). */
export const fastApiServer = (python: string, peerData: string): ServerSpec => ({
  name: 'FastAPI',
  command: python,
  args: (port) => [
    '-m',
    'uvicorn',
    'fastapi_app:app',
    '--app-dir',
    PEERS_DIR,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--no-access-log',
    '--log-level',
    'warning',
  ],
  env: () => ({ PEER_DATA: peerData }),
});

/** Our API (bundled app server on the memory provider), request logs off. */
export const ourServer = (script: string, fixture: string, dataDir: string): ServerSpec => ({
  name: 'blogapp',
  command: process.execPath,
  args: () => [script],
  env: (port) => ({
    PORT: String(port),
    BENCH_FIXTURE: fixture,
    APP_DATA_DIR: dataDir,
    LOG_LEVEL: 'ERROR',
    NODE_NO_WARNINGS: '1',
  }),
});

/**
 * How much of our answer the minimal Hono floor copies: only the JSON (`bare`), also every header
 * (`headers`), or also answering after one await, as any handler that reads storage does (`awaited`).
 */
export type MinimalHonoVariant = 'bare' | 'headers' | 'awaited';

const MINIMAL_HONO_NAMES: Record<MinimalHonoVariant, string> = {
  bare: 'minimal Hono',
  headers: 'minimal Hono with our headers',
  awaited: 'minimal Hono with our headers, after one await',
};

/** The minimal Hono floor answering our captured replies' JSON (see the floor's file for the variants). */
export const minimalHonoServer = (
  script: string,
  replies: string,
  variant: MinimalHonoVariant = 'bare',
): ServerSpec => ({
  name: MINIMAL_HONO_NAMES[variant],
  command: process.execPath,
  args: () => [script],
  env: (port) => ({
    PORT: String(port),
    BENCH_REPLIES: replies,
    ...(variant === 'bare' ? {} : { BENCH_SAME_HEADERS: '1' }),
    ...(variant === 'awaited' ? { BENCH_AFTER_AWAIT: '1' } : {}),
  }),
});

/** The raw node:http floor replaying our captured replies. */
export const rawServer = (script: string, replies: string): ServerSpec => ({
  name: 'node:http',
  command: process.execPath,
  args: () => [script],
  env: (port) => ({ PORT: String(port), BENCH_REPLIES: replies }),
});
