import { describe, expect, it } from 'vitest';
import { RetryQuota, retryDelay, retryKindOf } from './retries.js';

const failure = (fields: Record<string, unknown>) => Object.assign(new Error('failed'), fields);

describe('retry policy', () => {
  it('retries throttles and transient failures, never client errors or aborts', () => {
    expect(retryKindOf(failure({ name: 'ProvisionedThroughputExceededException' }))).toBe('throttling');
    expect(retryKindOf(failure({ name: 'TransactionInProgressException' }))).toBe('throttling');
    expect(retryKindOf(failure({ name: 'Anything', $metadata: { httpStatusCode: 429 } }))).toBe('throttling');
    expect(retryKindOf(failure({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } }))).toBe(
      'transient',
    );
    expect(retryKindOf(failure({ name: 'TimeoutError' }))).toBe('transient');
    expect(retryKindOf(failure({ code: 'ECONNREFUSED' }))).toBe('transient');
    expect(retryKindOf(failure({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toBe(
      'none',
    );
    expect(retryKindOf(failure({ name: 'ConditionalCheckFailedException' }))).toBe('none');
    expect(retryKindOf(failure({ name: 'AbortError', code: 'ECONNRESET' }))).toBe('none');
  });

  it('waits a random share of an exponential delay, from 1 s after a throttle, capped at 20 s', () => {
    expect(retryDelay('transient', 0, () => 0.999)).toBe(24);
    expect(retryDelay('transient', 3, () => 0.5)).toBe(100);
    expect(retryDelay('throttling', 1, () => 0.5)).toBe(1_000);
    expect(retryDelay('throttling', 10, () => 1)).toBe(20_000);
    expect(retryDelay('transient', 2, () => 0)).toBe(0);
  });

  it('stops retrying once failures have spent the quota, and earns it back with successes', () => {
    const quota = new RetryQuota();
    let retries = 0;
    while (quota.take('transient') !== undefined) retries++;
    expect(retries).toBe(35);
    expect(quota.take('throttling')).toBe(5);
    for (let i = 0; i < 14; i++) quota.release(undefined);
    expect(quota.take('transient')).toBe(14);
  });
});
