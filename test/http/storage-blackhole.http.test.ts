import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockablePort } from '../../reliability/support/blockable-port.js';
import { startDynalite, type TestDynamoDb } from '../support/dynalite.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** Bounded polling: `check` until it holds, or fail after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Storage that is slow, not down: the relay in front of dynalite accepts connections and never answers.
 * Each request costs the client's timeouts until the circuit opens; from then on the answer is at once.
 */
describe('when storage stops answering (black hole)', () => {
  let db: TestDynamoDb;
  let relay: BlockablePort;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    db = await startDynalite('blogapp-blackhole');
    relay = await BlockablePort.start(db.endpoint);
    stack = await startTestStack('dynamodb', {
      APP_DYNAMODB_ENDPOINT: relay.endpoint,
      APP_DYNAMODB_TABLE: db.tableName,
    });
    token = await stack.token('alice');
    expect((await stack.request('GET', '/api/me', { token })).status).toBe(200);
  });
  afterAll(async () => {
    await stack.close();
    await relay.close();
    await db.close();
  });

  it('answers 503 with Retry-After within a second once timeouts repeat, and recovers by itself', async () => {
    relay.blackhole();
    // The first requests wait out their timeouts (seconds each) and open the circuit.
    const first = await Promise.all(
      Array.from({ length: 3 }, () => stack.request('GET', '/api/posts', { token })),
    );
    for (const response of first) expect(response.status).toBe(503);

    // Timing is the point here: with the circuit open the answer does not wait on storage at all.
    for (const [method, path, body] of [
      ['GET', '/api/posts', undefined],
      ['POST', '/api/posts', { title: 't', body: 'b' }],
      ['GET', '/api/health', undefined],
    ] as const) {
      const started = performance.now();
      const response = await stack.request(method, path, { token, ...(body ? { body } : {}) });
      const elapsed = performance.now() - started;
      expect(response.status, `${method} ${path}`).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(elapsed, `${method} ${path}`).toBeLessThan(1_000);
    }

    // Storage answers again: a probe (half-open) closes the circuit, with no restart.
    relay.restore();
    await eventually(async () => (await stack.request('GET', '/api/health')).status === 200, 30_000);
    expect((await stack.request('GET', '/api/posts', { token })).status).toBe(200);
  }, 90_000);
});
