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
 *
 * The workers are callbacks, not async loops: a fan-out runs this for thousands of connections, and an
 * async worker awaiting an async push awaiting a push wrapped for its deadline cost three promises and
 * their microtask hops per connection on top of the gateway's own; here a push settles its worker's
 * next step directly.
 */
export function fanOut(
  connectionIds: readonly string[],
  data: string,
  deps: { gateway: PushGateway; connections: Pick<ConnectionStore, 'remove'> },
  options: FanOutOptions = DEFAULT_FAN_OUT,
): Promise<FanOutResult> {
  const result: FanOutResult = { delivered: 0, stale: 0, failed: 0 };
  // Every push of a fan-out has the same timeout: one timer for all of them, not one per push.
  const deadlines = new Deadlines<() => void>(options.timeoutMs, (expire) => expire());
  const workers = Math.min(options.concurrency, connectionIds.length);
  if (workers === 0) return Promise.resolve(result);
  return new Promise((resolve) => {
    let next = 0;
    let idle = 0;
    const work = (): void => {
      if (next >= connectionIds.length) {
        if (++idle === workers) resolve(result);
        return;
      }
      const connectionId = connectionIds[next++] as string;
      pushOne(connectionId, data, deps.gateway, options, deadlines, (outcome) => {
        result[outcome]++;
        if (outcome !== 'stale') return work();
        deps.connections.remove(connectionId).then(work, work);
      });
    };
    for (let i = 0; i < workers; i++) work();
  });
}

/**
 * Pushes to one connection and reports once how it went: each attempt has the fan-out's timeout (a timed
 * out one fails), and a throttled one is retried after an exponential, fully jittered pause.
 */
function pushOne(
  connectionId: string,
  data: string,
  gateway: PushGateway,
  options: FanOutOptions,
  deadlines: Deadlines<() => void>,
  report: (outcome: keyof FanOutResult) => void,
  attempt = 0,
): void {
  let settled = false;
  // Ends this attempt once, on whichever comes first of its answer and its deadline.
  const finish = (): boolean => {
    if (settled) return false;
    settled = true;
    deadlines.end(wait);
    return true;
  };
  const settle = (outcome: keyof FanOutResult) => {
    if (finish()) report(outcome);
  };
  const wait = deadlines.start(() => settle('failed'));
  let sent: Promise<'delivered' | 'gone'>;
  try {
    sent = gateway.send(connectionId, data);
  } catch (error) {
    // Reported as a rejection, later: a gateway throwing at once for every push must not recurse through
    // the whole list on one stack.
    sent = Promise.reject(error);
  }
  sent.then(
    (answer) => settle(answer === 'gone' ? 'stale' : 'delivered'),
    (error: unknown) => {
      if (!(error instanceof PushThrottledError) || attempt >= options.maxRetries) {
        settle('failed');
        return;
      }
      if (!finish()) return;
      setTimeout(
        () => pushOne(connectionId, data, gateway, options, deadlines, report, attempt + 1),
        Math.random() * options.baseDelayMs * 2 ** attempt,
      );
    },
  );
}
