import { describe, expect, it } from 'vitest';
import { fanOut } from './fan-out.js';
import { type PushGateway, PushThrottledError } from './push.gateway.js';

type Script = (connectionId: string, attempt: number) => Promise<'delivered' | 'gone'>;

/** A gateway whose answer per connection the test scripts; it records concurrency and attempts. */
function scriptedGateway(script: Script) {
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let peak = 0;
  const gateway: PushGateway = {
    send: async (connectionId) => {
      const attempt = (attempts.get(connectionId) ?? 0) + 1;
      attempts.set(connectionId, attempt);
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await script(connectionId, attempt);
      } finally {
        inFlight--;
      }
    },
    disconnect: async () => {},
  };
  return { gateway, attempts, peak: () => peak };
}

const removed: string[] = [];
const connections = { remove: async (id: string) => void removed.push(id) };
const options = { concurrency: 4, timeoutMs: 200, maxRetries: 3, baseDelayMs: 1 };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('fanOut', () => {
  it('delivers to every connection with at most `concurrency` pushes in flight', async () => {
    const { gateway, peak } = scriptedGateway(async () => {
      await tick();
      return 'delivered';
    });
    expect(await fanOut(ids(50), 'x', { gateway, connections }, options)).toEqual({
      delivered: 50,
      stale: 0,
      failed: 0,
    });
    expect(peak()).toBe(4);
  });

  it('counts gone connections as stale and deletes exactly their records', async () => {
    removed.length = 0;
    const { gateway } = scriptedGateway(async (id) => (id === 'c3' || id === 'c7' ? 'gone' : 'delivered'));
    expect(await fanOut(ids(10), 'x', { gateway, connections }, options)).toEqual({
      delivered: 8,
      stale: 2,
      failed: 0,
    });
    expect(removed.sort()).toEqual(['c3', 'c7']);
  });

  it('retries a throttled push with backoff, then counts it failed when throttling persists', async () => {
    const { gateway, attempts } = scriptedGateway(async (id, attempt) => {
      if (id === 'always' || attempt < 3) throw new PushThrottledError('slow down');
      return 'delivered';
    });
    const result = await fanOut(['recovers', 'always'], 'x', { gateway, connections }, options);
    expect(result).toEqual({ delivered: 1, stale: 0, failed: 1 });
    expect(attempts.get('recovers')).toBe(3);
    expect(attempts.get('always')).toBe(4);
  });

  it('does not retry other failures', async () => {
    const { gateway, attempts } = scriptedGateway(async () => {
      throw new Error('boom');
    });
    expect(await fanOut(['a'], 'x', { gateway, connections }, options)).toEqual({
      delivered: 0,
      stale: 0,
      failed: 1,
    });
    expect(attempts.get('a')).toBe(1);
  });

  it('lets a hanging connection cost only its own timeout, not the others their delivery', async () => {
    const delivered: string[] = [];
    const { gateway } = scriptedGateway(async (id) => {
      if (id === 'c0') return new Promise<never>(() => {});
      delivered.push(id);
      return 'delivered';
    });
    const started = Date.now();
    const result = await fanOut(ids(20), 'x', { gateway, connections }, options);
    expect(result).toEqual({ delivered: 19, stale: 0, failed: 1 });
    expect(delivered).toHaveLength(19);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('counts a push whose gateway throws at once as failed, for as many connections as there are', async () => {
    const gateway: PushGateway = {
      send: () => {
        throw new Error('refused before sending');
      },
      disconnect: async () => {},
    };
    expect(await fanOut(ids(20_000), 'x', { gateway, connections }, options)).toEqual({
      delivered: 0,
      stale: 0,
      failed: 20_000,
    });
  });

  it('does nothing for no connections', async () => {
    const { gateway } = scriptedGateway(async () => 'delivered');
    expect(await fanOut([], 'x', { gateway, connections }, options)).toEqual({
      delivered: 0,
      stale: 0,
      failed: 0,
    });
  });
});
