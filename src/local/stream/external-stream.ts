import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamShard, StreamsApi } from '../../adapters/dynamodb/streams-api.js';
import type { Log } from '../../observability/log.js';
import { readShardPositions, type ShardPositions, saveShardPositions } from './shard-positions.js';
import type { StreamCheckpoint } from './stream-checkpoint.js';
import { type LocalStreamOptions, resolveStreamOptions } from './stream-options.js';
import type { StreamListener } from './stream-recorder.js';
import { lambdaRecord, type ReadStream } from './streams-api-record.js';

/** A table's stream on an external DynamoDB, read for one consumer: what the event source mapping takes. */
export interface ExternalStream {
  /** Follows the stream from this consumer's saved positions; polling starts with the first listener. */
  subscribe(tableName: string, listener: StreamListener): () => void;
  /** The consumer's checkpoint: saving a record's sequence number saves every shard's position up to it. */
  checkpoint(): StreamCheckpoint;
  /** Stops polling and closes the client. */
  close(): Promise<void>;
}

/** Why the stream cannot be read; what follows a write then does not run. */
export interface NoStream {
  reason: string;
}

export interface ExternalStreamOptions {
  api: StreamsApi;
  tableName: string;
  /** Where the consumer's positions are kept (a small JSON file in the data dir). */
  positionsFile: string;
  logger: Pick<Log, 'error'>;
  /** Its polling (`pollIntervalMs`, `maxPollIntervalMs`) over the defaults. */
  options?: Partial<LocalStreamOptions>;
  now?: () => number;
}

/** GetRecords' own maximum. */
const RECORDS_PER_CALL = 1000;
/** How often the shard list is read again for new shards when none has ended meanwhile. */
const REFRESH_SHARDS_MS = 10_000;

/**
 * Opens `tableName`'s stream through the DynamoDB Streams API as Lambda's event source mapping reads it:
 * DescribeTable for the stream's ARN, DescribeStream for its shards (a closed shard's children once it is
 * read to its end, new shards as they appear), GetShardIterator, then GetRecords polled, quickly while
 * records come and backing off while none do. Records reach listeners in each shard's order, shaped as the
 * function's event has them. A NoStream when the endpoint has no stream to read: its table has none (it
 * keeps no StreamSpecification, as a standalone dynalite), or it has no Streams API.
 */
export async function openExternalStream(options: ExternalStreamOptions): Promise<ExternalStream | NoStream> {
  const { api, tableName, positionsFile, logger } = options;
  const now = options.now ?? Date.now;
  const { pollIntervalMs: pollMs, maxPollIntervalMs: maxPollMs } = resolveStreamOptions(options.options);

  const latest = await api.latestStream(tableName);
  if (!latest)
    return { reason: `its table ${tableName} has no stream (the endpoint kept no StreamSpecification)` };
  try {
    await api.shards(latest.arn);
  } catch (error) {
    if (lacksStreamsApi(error)) return { reason: 'it does not answer the DynamoDB Streams API' };
    throw error;
  }

  let stream: ReadStream = latest;
  let positions = await positionsFor(positionsFile, stream.arn, now);
  const listeners = new Set<StreamListener>();
  /** Shards being read: their iterator, or undefined until one is asked for. */
  const reading = new Map<string, string | undefined>();
  /** Shards read to their end. */
  const ended = new Set<string>();
  /** The last record handed out of each shard, where a reopened iterator goes on from. */
  const lastHandedOut = new Map<string, string>();
  /** Records handed out and not yet checkpointed, in the order they were handed out. */
  let pending: { sequenceNumber: string; shardId: string }[] = [];
  let lastRefresh = 0;
  let refreshWanted = true;
  let lastError: string | undefined;
  let lastSaved: string | undefined;
  const stopping = new AbortController();
  let polling: Promise<void> | undefined;

  const refresh = async () => {
    const shards = await api.shards(stream.arn, stopping.signal);
    const listed = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      if (reading.has(shard.ShardId) || ended.has(shard.ShardId)) continue;
      // A child is read once its parent is read to its end, so a key's records stay in order.
      if (parentPending(shard, listed, ended)) continue;
      reading.set(shard.ShardId, undefined);
    }
    for (const shardId of Object.keys(positions.shards)) {
      if (!listed.has(shardId)) delete positions.shards[shardId];
    }
    lastRefresh = now();
    refreshWanted = false;
  };

  const iteratorFor = async (shardId: string) => {
    const after = lastHandedOut.get(shardId) ?? positions.shards[shardId];
    if (!after) return api.shardIterator(stream.arn, shardId, 'TRIM_HORIZON', undefined, stopping.signal);
    try {
      return await api.shardIterator(stream.arn, shardId, 'AFTER_SEQUENCE_NUMBER', after, stopping.signal);
    } catch (error) {
      // Past the stream's 24 h: what is left is all after the position.
      if ((error as { name?: string }).name !== 'TrimmedDataAccessException') throw error;
      return api.shardIterator(stream.arn, shardId, 'TRIM_HORIZON', undefined, stopping.signal);
    }
  };

  /** One GetRecords per shard being read; how many records came. */
  const poll = async (): Promise<number> => {
    if (refreshWanted || now() - lastRefresh > REFRESH_SHARDS_MS) await refresh();
    let count = 0;
    for (const [shardId, known] of [...reading]) {
      const iterator = known ?? (await iteratorFor(shardId));
      let answer: Awaited<ReturnType<StreamsApi['records']>>;
      try {
        answer = iterator
          ? await api.records(iterator, RECORDS_PER_CALL, stopping.signal)
          : { records: [], nextIterator: undefined };
      } catch (error) {
        // Iterators live 15 minutes; a new one goes on from the last record handed out.
        if ((error as { name?: string }).name !== 'ExpiredIteratorException') throw error;
        reading.set(shardId, undefined);
        continue;
      }
      for (const raw of answer.records) {
        const record = lambdaRecord(raw, stream);
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (!sequenceNumber) continue;
        lastHandedOut.set(shardId, sequenceNumber);
        if ((record.dynamodb?.ApproximateCreationDateTime ?? positions.since) < positions.since) continue;
        pending.push({ sequenceNumber, shardId });
        hand(record);
        count += 1;
      }
      if (answer.nextIterator) reading.set(shardId, answer.nextIterator);
      else {
        reading.delete(shardId);
        ended.add(shardId);
        refreshWanted = true;
      }
    }
    return count;
  };

  const hand = (record: DynamoDBRecord) => {
    for (const listener of listeners) listener(record);
  };

  /** After a failure the stream is found again, as the table may have been deleted and made anew. */
  const recover = async (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (message !== lastError) {
      logger.error(
        `the stream of ${tableName} could not be read; retrying (the log says so once per cause)`,
        {
          error,
          streamArn: stream.arn,
        },
      );
      lastError = message;
    }
    reading.clear();
    refreshWanted = true;
    const current = await api.latestStream(tableName, stopping.signal).catch(() => undefined);
    if (current && current.arn !== stream.arn) {
      stream = current;
      ended.clear();
      lastHandedOut.clear();
      pending = [];
      positions = { streamArn: current.arn, since: positions.since, shards: {} };
    }
  };

  const run = async () => {
    let wait = pollMs;
    while (!stopping.signal.aborted) {
      let count = 0;
      try {
        count = await poll();
        lastError = undefined;
      } catch (error) {
        if (stopping.signal.aborted) break;
        await recover(error);
        wait = maxPollMs;
      }
      if (count > 0) {
        wait = pollMs;
        continue;
      }
      await pause(wait, stopping.signal);
      wait = Math.min(wait * 2, maxPollMs);
    }
  };

  const stop = async () => {
    stopping.abort();
    await polling;
  };

  return {
    subscribe(table, listener) {
      if (table !== tableName) return () => {};
      listeners.add(listener);
      polling ??= run();
      return () => {
        listeners.delete(listener);
        // Nobody to hand records to: what is not handed out stays past the positions, for the next start.
        if (listeners.size === 0) void stop();
      };
    },
    checkpoint: () => ({
      read: async () => lastSaved,
      async save(sequenceNumber) {
        const upTo = pending.findIndex((record) => record.sequenceNumber === sequenceNumber);
        if (upTo < 0) return;
        for (const done of pending.splice(0, upTo + 1)) positions.shards[done.shardId] = done.sequenceNumber;
        await saveShardPositions(positionsFile, positions);
        lastSaved = sequenceNumber;
      },
    }),
    async close() {
      await stop();
      api.close();
    },
  };
}

/** Whether the stream could not be described because the endpoint has no Streams API at all. */
function lacksStreamsApi(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === 'UnknownOperationException' || name === 'UnrecognizedClientException') return true;
  // An endpoint that serves some other API there (a proxy's page, a mock) answers 404 or 405.
  return $metadata?.httpStatusCode === 404 || $metadata?.httpStatusCode === 405;
}

function parentPending(shard: StreamShard, listed: Set<string>, ended: Set<string>): boolean {
  const parent = shard.ParentShardId;
  return parent !== undefined && listed.has(parent) && !ended.has(parent);
}

/**
 * The consumer's saved positions in this stream; the first time (or in a stream it has not read before),
 * positions from now on, saved at once so a restart before any delivery still knows where it began.
 */
async function positionsFor(file: string, streamArn: string, now: () => number): Promise<ShardPositions> {
  const saved = await readShardPositions(file);
  if (saved?.streamArn === streamArn) return saved;
  const fresh = { streamArn, since: Math.floor(now() / 1000), shards: {} };
  await saveShardPositions(file, fresh);
  return fresh;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
