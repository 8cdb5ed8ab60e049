import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIdleConnections,
  checkOversized,
  checkSubscribeFlood,
} from '../../reliability/suites/ws-abuse.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('WebSocket abuse stays bounded', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('dynamodb');
  });
  afterAll(() => stack.close());

  it('closes an oversized frame or message with 1009 and still answers normal frames', async () => {
    const result = await checkOversized(stack);
    expect(result.violations).toEqual([]);
  });

  it('cuts a subscribe flood off with rate_limited after 50 posts and answers a burst of frames in full', async () => {
    const result = await checkSubscribeFlood(stack, 200);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('holds idle connections up to maxConnections, refuses the next with 429, and admits one when another leaves', async () => {
    const result = await checkIdleConnections(300);
    expect(result.violations).toEqual([]);
  }, 60_000);
});
