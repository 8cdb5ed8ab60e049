import { Deadlines } from '../shared/deadlines.js';
import type { ConnectionStore } from './connection.store.js';
import { type PushGateway, PushThrottledError } from './push.gateway.js';

export interface FanOutOptions {
  /** Pushes in flight at once: bounded so a post with thousands of readers cannot exhaust sockets or the API's rate. */
  concurrency: number;
  /** Longest wait for one connection; a slow one costs only its own slot, never the others' time. */
  timeoutMs: number;
  /** Retries of a throttled push, with exponential backoff and full jitter. */
  maxRetries: number;
  baseDelayMs: number;
}

export const DEFAULT_FAN_OUT: FanOutOptions = {
  concurrency: 64,
  timeoutMs: 3_000,
  maxRetries: 3,
  baseDelayMs: 50,
};

export interface FanOutResult {
  delivered: number;
  /** Connections that were gone; their records are deleted. */
  stale: number;
  failed: number;
}

/**
 * Sends one frame to many connections with a fixed pool of workers walking the list, so the work is chunked
 * by the pool size and a slow or dead connection holds up only its own worker, up to its timeout.
 */
export async function fanOut(
  connectionIds: readonly string[],
  data: string,
  deps: { gateway: PushGateway; connections: Pick<ConnectionStore, 'remove'> },
  options: FanOutOptions = DEFAULT_FAN_OUT,
): Promise<FanOutResult> {
  const result: FanOutResult = { delivered: 0, stale: 0, failed: 0 };
  // Every push of a fan-out has the same timeout: one timer for all of them, not one per push.
  const deadlines = new Deadlines<(error: Error) => void>(options.timeoutMs, (fail) =>
    fail(new Error(`push timed out after ${options.timeoutMs} ms`)),
  );
  let next = 0;
  const worker = async () => {
    while (next < connectionIds.length) {
      const connectionId = connectionIds[next++] as string;
      const outcome = await pushOne(connectionId, data, deps.gateway, options, deadlines);
      result[outcome]++;
      if (outcome === 'stale') await deps.connections.remove(connectionId).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, connectionIds.length) }, worker));
  return result;
}

async function pushOne(
  connectionId: string,
  data: string,
  gateway: PushGateway,
  options: FanOutOptions,
  deadlines: Deadlines<(error: Error) => void>,
): Promise<keyof FanOutResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const sent = await withDeadline(gateway.send(connectionId, data), deadlines);
      return sent === 'gone' ? 'stale' : 'delivered';
    } catch (error) {
      if (!(error instanceof PushThrottledError) || attempt >= options.maxRetries) return 'failed';
      await sleep(Math.random() * options.baseDelayMs * 2 ** attempt);
    }
  }
}

/** One promise per push and no race: this runs for every connection of every fan-out. */
function withDeadline<T>(promise: Promise<T>, deadlines: Deadlines<(error: Error) => void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const wait = deadlines.start(reject);
    promise.then(
      (value) => {
        deadlines.end(wait);
        resolve(value);
      },
      (error: unknown) => {
        deadlines.end(wait);
        reject(error);
      },
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
