import { appendFile } from 'node:fs/promises';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Log } from '../../observability/log.js';
import type { StreamCheckpoint } from './stream-checkpoint.js';
import { type LocalStreamOptions, resolveStreamOptions } from './stream-options.js';
import type { StreamRecorder } from './stream-recorder.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

export interface EventSourceMapping {
  /**
   * Stops reading the stream. What is already queued is still delivered, with the same batches and
   * retries, for up to `drainTimeoutMs`; then the batch being delivered finishes and nothing is retried.
   * What was not delivered stays past the checkpoint, for the next start.
   */
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
 *
 * With a `checkpoint` and a stream that keeps its records, the mapping resumes as Lambda's does after any
 * stop: from the record after the last batch it finished (all kept records the first time, TRIM_HORIZON),
 * so a record written just before a crash or a kill is delivered on the next start. A batch cut short by a
 * stop is delivered again; the handlers are idempotent, as they must be for Lambda's own retries.
 */
export async function startEventSourceMapping(deps: {
  streams: Pick<StreamRecorder, 'subscribe'> & Partial<Pick<StreamRecorder, 'read'>>;
  tableName: string;
  handler: StreamHandler;
  logger: Pick<Log, 'error'>;
  /** Where this consumer is in the stream; without it the mapping starts at the latest record. */
  checkpoint?: StreamCheckpoint | undefined;
  options?: Partial<LocalStreamOptions>;
}): Promise<EventSourceMapping> {
  const options = resolveStreamOptions(deps.options);
  const startedAt = Date.now();
  let queue: DynamoDBRecord[] = [];
  /** Closing: what is queued is still delivered, nothing new is taken. */
  let draining = false;
  /** Closed: nothing more is delivered or retried. */
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
      await appendFile(options.onFailureFile, `${JSON.stringify(invocation)}\n`, { mode: 0o600 }).catch(
        (cause: unknown) =>
          deps.logger.error('the stream on-failure file could not be written', { error: cause }),
      );
    }
  };

  // In AWS the mapping reads the stream all along, so a record only grows old while its batch keeps failing.
  // The local stack's downtime is no such time: a record written before a stop is aged from this start.
  const tooOld = (record: DynamoDBRecord | undefined) =>
    Date.now() - Math.max((record?.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000, startedAt) >
    options.maximumRecordAgeMs;

  /**
   * Delivers `batch`, retrying as Lambda does; `attempts` counts the invocations so far. True once the
   * batch is done with (delivered, or sent to the on-failure destination); false if closing cut it short.
   */
  const deliver = async (batch: DynamoDBRecord[], attempts: number): Promise<boolean> => {
    if (batch.length === 0) return true;
    if (closed) return false;
    if (tooOld(batch[0])) {
      await fail(batch, 'RecordAgeExceeded', attempts);
      return true;
    }
    let retry: DynamoDBRecord[][];
    let error: unknown;
    try {
      const response = await withTimeout(deps.handler({ Records: batch }), options.functionTimeoutMs);
      const failures = options.reportBatchItemFailures ? (response?.batchItemFailures ?? []) : [];
      if (failures.length === 0) return true;
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
      await fail(retry.flat(), 'RetryAttemptsExhausted', attempts, error);
      return true;
    }
    await pause(Math.min(options.retryBaseDelayMs * 2 ** (attempts - 1), options.retryMaxDelayMs));
    for (const part of retry) {
      if (!(await deliver(part, attempts + 1))) return false;
    }
    return true;
  };

  /** Moves the checkpoint past a finished batch; a failed save only means that batch is delivered again. */
  const finished = async (batch: DynamoDBRecord[]) => {
    const last = batch.at(-1)?.dynamodb?.SequenceNumber;
    if (!deps.checkpoint || !last) return;
    await deps.checkpoint.save(last).catch((error: unknown) =>
      deps.logger.error('the stream checkpoint could not be saved: the batch will be delivered again', {
        error,
        sequenceNumber: last,
      }),
    );
  };

  // Records kept from before this start (after the checkpoint) go first; the live ones queued meanwhile
  // follow, less any the journal already returned.
  if (deps.checkpoint && deps.streams.read) {
    try {
      const kept = await deps.streams.read(deps.tableName, await deps.checkpoint.read());
      const firstLive = queue[0] ? sequenceOf(queue[0]) : undefined;
      queue = kept
        .filter((record) => firstLive === undefined || sequenceOf(record) < firstLive)
        .concat(queue);
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  const running = (async () => {
    while (!closed) {
      if (queue.length === 0) {
        if (draining) break;
        await new Promise<void>((resume) => {
          wake = resume;
        });
        continue;
      }
      if (!draining && queue.length < options.batchSize && options.batchingWindowMs > 0) {
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
      const batch = queue.splice(0, options.batchSize);
      if (await deliver(batch, 1)) await finished(batch);
    }
  })();

  const stop = () => {
    closed = true;
    nudge();
    for (const done of [...waiting]) done();
  };
  return {
    async close() {
      if (!draining) {
        draining = true;
        unsubscribe();
        if (options.drainTimeoutMs <= 0) stop();
        const deadline = setTimeout(stop, Math.max(options.drainTimeoutMs, 0));
        nudge();
        await running;
        clearTimeout(deadline);
      }
      await running;
    },
  };
}

function sequenceOf(record: DynamoDBRecord): bigint {
  return BigInt(record.dynamodb?.SequenceNumber ?? 0);
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
