/**
 * Every knob of the local DynamoDB Streams emulator and of its event source mapping, with its default, in
 * one object (as src/local/websocket/gateway-options.ts does for the WebSocket gateway). The mapping's
 * defaults are the SAM template's CommentStreamFunction event (BatchSize, window, retries, bisection), so
 * the handler meets the same batches here as in AWS.
 */
export const localStreamDefaults = {
  /** Records per invocation at most (the template's BatchSize). */
  batchSize: 100,
  /**
   * How long a batch may wait to fill up before it is delivered. AWS's template says 1 s; locally a
   * quarter of that keeps pushes and sweeps snappy while still batching bursts of writes.
   */
  batchingWindowMs: 250,
  /** The handler answers `batchItemFailures`; retries start at the first record it names. */
  reportBatchItemFailures: true,
  /** A failing batch is halved (and each half retried) until the bad record is alone. */
  bisectBatchOnFunctionError: true,
  /** Retries of one batch before it goes to the on-failure destination (the template's value). */
  maximumRetryAttempts: 5,
  /** Records older than this are not delivered any more but sent to the on-failure destination. */
  maximumRecordAgeMs: 600_000,
  /** An invocation running longer fails as Lambda's timeout does (the template's Timeout: 60 s). */
  functionTimeoutMs: 60_000,
  /** The first retry waits this long; each later one twice as long as the one before. */
  retryBaseDelayMs: 50,
  /** The longest wait between two retries. */
  retryMaxDelayMs: 2_000,
  /**
   * How long a graceful stop (Ctrl-C) goes on delivering what is already queued, retries included, before
   * it closes; what is left is delivered from the journal on the next start (0: stop at once, as a crash).
   */
  drainTimeoutMs: 5_000,
  /**
   * Where batches that exhausted their retries are appended, one JSON line each (AWS sends them to an SQS
   * queue); unset, they are only logged.
   */
  onFailureFile: undefined as string | undefined,
  /**
   * An external DynamoDB's stream (read through its Streams API): the wait after a GetRecords that found
   * nothing, doubled after each such poll up to `maxPollIntervalMs` (Lambda polls a shard four times a second).
   */
  pollIntervalMs: 100,
  maxPollIntervalMs: 1_000,
};

export type LocalStreamOptions = typeof localStreamDefaults;

/** The defaults with the caller's overrides on top. */
export function resolveStreamOptions(overrides: Partial<LocalStreamOptions> = {}): LocalStreamOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...localStreamDefaults, ...defined };
}
