import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EventSourceMapping,
  startEventSourceMapping,
} from '../../src/local/stream/event-source-mapping.js';
import type { LocalStreamOptions } from '../../src/local/stream/stream-options.js';
import type { StreamListener } from '../../src/local/stream/stream-recorder.js';
import { dynamoStreamRecord } from '../support/aws-events.js';

/**
 * The mapping's retry rules, driven by a shard the test writes to directly: the stream recorder's own
 * behaviour is covered against dynalite in stream-recorder.test.ts; here only the order and batches matter.
 */
function shard() {
  const listeners = new Set<StreamListener>();
  let sequence = 0;
  return {
    streams: {
      subscribe: (_table: string, listener: StreamListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    write(count: number): DynamoDBRecord[] {
      return Array.from({ length: count }, () => {
        sequence += 1;
        const record = dynamoStreamRecord('INSERT', { pk: `ITEM#${sequence}`, sk: 'ITEM' });
        record.dynamodb = {
          ...record.dynamodb,
          SequenceNumber: String(sequence),
          ApproximateCreationDateTime: Date.now() / 1000,
        };
        for (const listener of listeners) listener(record);
        return record;
      });
    },
  };
}

const seq = (event: DynamoDBStreamEvent) => event.Records.map((r) => Number(r.dynamodb?.SequenceNumber));

/** Resolves once `condition` holds, polling; fails after `timeoutMs` (a hang guard, not a timing claim). */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resume) => setTimeout(resume, 10));
  }
}

describe('the local event source mapping', () => {
  let mapping: EventSourceMapping | undefined;
  const errors: string[] = [];
  afterEach(async () => {
    await mapping?.close();
    errors.length = 0;
  });

  const start = async (
    source: ReturnType<typeof shard>,
    handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
    options: Partial<LocalStreamOptions> = {},
  ) => {
    mapping = await startEventSourceMapping({
      streams: source.streams,
      tableName: 'any',
      handler,
      logger: { error: (message: string) => errors.push(message) },
      options: { retryBaseDelayMs: 1, ...options },
    });
  };

  it('delivers records in order, in batches of at most BatchSize gathered over the window', async () => {
    const source = shard();
    const batches: number[][] = [];
    await start(
      source,
      async (event) => {
        batches.push(seq(event));
        return { batchItemFailures: [] };
      },
      { batchSize: 2, batchingWindowMs: 50 },
    );
    source.write(5);
    await until(() => batches.flat().length === 5);
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(batches.every((batch) => batch.length <= 2)).toBe(true);
  });

  it('retries from the first record the handler reports as failed', async () => {
    const source = shard();
    const batches: number[][] = [];
    await start(source, async (event) => {
      batches.push(seq(event));
      // Record 2 fails once; record 4 is reported too, but the retry starts at the first failure.
      if (batches.length === 1) {
        return { batchItemFailures: [{ itemIdentifier: '4' }, { itemIdentifier: '2' }] };
      }
      return { batchItemFailures: [] };
    });
    source.write(4);
    await until(() => batches.length === 2);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [2, 3, 4],
    ]);
  });

  it('halves a failing batch until the bad record is alone, then sends it to the on-failure file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-esm-'));
    const onFailureFile = join(dir, 'stream-failures.jsonl');
    const source = shard();
    const delivered: number[] = [];
    await start(
      source,
      async (event) => {
        if (seq(event).includes(3)) throw new Error('record 3 always fails');
        delivered.push(...seq(event));
        return { batchItemFailures: [] };
      },
      { maximumRetryAttempts: 3, onFailureFile },
    );
    source.write(4);
    await until(() => errors.length === 1 && delivered.length === 3);
    expect(delivered).toEqual([1, 2, 4]);
    const [line, ...more] = (await readFile(onFailureFile, 'utf8')).trim().split('\n');
    expect(more).toEqual([]);
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted' },
      DDBStreamBatchInfo: { startSequenceNumber: '3', endSequenceNumber: '3', batchSize: 1 },
      records: [{ dynamodb: { SequenceNumber: '3' } }],
    });
    await rm(dir, { recursive: true, force: true });
  });

  it('retries a failing batch whole when bisection is off, then gives up after the maximum', async () => {
    const source = shard();
    let invocations = 0;
    await start(
      source,
      async () => {
        invocations += 1;
        throw new Error('always fails');
      },
      { bisectBatchOnFunctionError: false, maximumRetryAttempts: 2 },
    );
    source.write(2);
    await until(() => errors.length === 1);
    // The first attempt and two retries.
    expect(invocations).toBe(3);
  });

  it('fails an invocation that outlives the function timeout, and one whose records are too old', async () => {
    const source = shard();
    const seen: number[][] = [];
    await start(
      source,
      async (event) => {
        seen.push(seq(event));
        // Never answers: only the timeout ends it.
        return new Promise<never>(() => {});
      },
      { functionTimeoutMs: 20, maximumRetryAttempts: 1, bisectBatchOnFunctionError: false },
    );
    source.write(1);
    await until(() => errors.length === 1);
    expect(seen).toEqual([[1], [1]]);
    await mapping?.close();

    const old = shard();
    const delivered: number[] = [];
    await start(
      old,
      async (event) => {
        delivered.push(...seq(event));
        return { batchItemFailures: [] };
      },
      { maximumRecordAgeMs: -1 },
    );
    old.write(1);
    await until(() => errors.length === 2);
    expect(delivered).toEqual([]);
  });
});
