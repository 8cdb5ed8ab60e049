import { appendFile } from 'node:fs/promises';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Log } from '../../observability/log.js';
import { type LocalStreamOptions, resolveStreamOptions } from './stream-options.js';
import type { StreamRecorder } from './stream-recorder.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

export interface EventSourceMapping {
  /** Stops reading the stream; a batch being delivered finishes first, nothing is retried after. */
  close(): Promise<void>;
}

type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * Lambda's event source mapping for one table's stream, in this process: records in the shard's order,
 * in batches of up to `batchSize` gathered for `batchingWindowMs`, one batch at a time. A batch whose
 * handler throws is retried with backoff, halved first when `bisectBatchOnFunctionError`; with
 * `reportBatchItemFailures`, a batch is retried from the first record the handler names. A batch out of
 * retries (or too old) goes to the on-failure destination: an error log line and, when configured, a JSON
 * line in `onFailureFile` shaped as Lambda's invocation record, with the records themselves added.
 */
export function startEventSourceMapping(deps: {
  streams: Pick<StreamRecorder, 'subscribe'>;
  tableName: string;
  handler: StreamHandler;
  logger: Pick<Log, 'error'>;
  options?: Partial<LocalStreamOptions>;
}): EventSourceMapping {
  const options = resolveStreamOptions(deps.options);
  const queue: DynamoDBRecord[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const unsubscribe = deps.streams.subscribe(deps.tableName, (record) => {
    queue.push(record);
    if (queue.length === 1 || queue.length >= options.batchSize) nudge();
  });
  // Waits that only closing cuts short (a retry's backoff must not end because a new record arrived).
  const waiting = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resume) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resume();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });

  const fail = async (
    batch: DynamoDBRecord[],
    condition: FailureCondition,
    attempts: number,
    error?: unknown,
  ) => {
    const first = batch[0]?.dynamodb;
    const last = batch.at(-1)?.dynamodb;
    const invocation = {
      requestContext: { condition, approximateInvokeCount: attempts },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: `shardId-local-${deps.tableName}`,
        startSequenceNumber: first?.SequenceNumber,
        endSequenceNumber: last?.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(first?.ApproximateCreationDateTime),
        approximateArrivalOfLastRecord: arrival(last?.ApproximateCreationDateTime),
        batchSize: batch.length,
        streamArn: batch[0]?.eventSourceARN,
      },
      records: batch,
    };
    deps.logger.error('stream batch sent to the on-failure destination: it is not retried any more', {
      error,
      condition,
      ...invocation.DDBStreamBatchInfo,
      ...(options.onFailureFile ? { destination: options.onFailureFile } : {}),
    });
    if (options.onFailureFile) {
      await appendFile(options.onFailureFile, `${JSON.stringify(invocation)}\n`).catch((cause: unknown) =>
        deps.logger.error('the stream on-failure file could not be written', { error: cause }),
      );
    }
  };

  const tooOld = (record: DynamoDBRecord | undefined) =>
    Date.now() - (record?.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000 > options.maximumRecordAgeMs;

  /** Delivers `batch`, retrying as Lambda does; `attempts` counts the invocations so far. */
  const deliver = async (batch: DynamoDBRecord[], attempts: number): Promise<void> => {
    if (batch.length === 0 || closed) return;
    if (tooOld(batch[0])) return fail(batch, 'RecordAgeExceeded', attempts);
    let retry: DynamoDBRecord[][];
    let error: unknown;
    try {
      const response = await withTimeout(deps.handler({ Records: batch }), options.functionTimeoutMs);
      const failures = options.reportBatchItemFailures ? (response?.batchItemFailures ?? []) : [];
      if (failures.length === 0) return;
      const named = failures.map(({ itemIdentifier }) =>
        batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier),
      );
      // A failure naming no record of the batch counts as the whole batch failing, as in Lambda.
      const from = named.includes(-1) ? 0 : Math.min(...named);
      retry = [batch.slice(from)];
    } catch (thrown) {
      error = thrown;
      const half = Math.ceil(batch.length / 2);
      retry =
        options.bisectBatchOnFunctionError && batch.length > 1
          ? [batch.slice(0, half), batch.slice(half)]
          : [batch];
    }
    if (attempts > options.maximumRetryAttempts) {
      return fail(retry.flat(), 'RetryAttemptsExhausted', attempts, error);
    }
    await pause(Math.min(options.retryBaseDelayMs * 2 ** (attempts - 1), options.retryMaxDelayMs));
    for (const part of retry) await deliver(part, attempts + 1);
  };

  const running = (async () => {
    while (!closed) {
      if (queue.length === 0) {
        await new Promise<void>((resume) => {
          wake = resume;
        });
        continue;
      }
      if (queue.length < options.batchSize && options.batchingWindowMs > 0) {
        // The window ends early once the batch is full.
        await new Promise<void>((resume) => {
          const timer = setTimeout(resume, options.batchingWindowMs);
          wake = () => {
            clearTimeout(timer);
            resume();
          };
        });
        if (closed) break;
      }
      await deliver(queue.splice(0, options.batchSize), 1);
    }
  })();

  return {
    async close() {
      closed = true;
      unsubscribe();
      nudge();
      for (const done of [...waiting]) done();
      await running;
    },
  };
}

function arrival(seconds: number | undefined): string | undefined {
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}

/** The handler's answer, or a failure once `ms` have passed, as Lambda ends an invocation at its timeout. */
function withTimeout<T>(running: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Task timed out after ${ms} ms`)), ms);
  });
  return Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
}
