import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  type Call,
  type KeysOf,
  pick,
  type Reply,
  type Wire,
  type WriteInterceptor,
} from '../dynalite-transactions.js';
import { fileCheckpoint, type StreamCheckpoint } from './stream-checkpoint.js';
import { type JournalEntry, openStreamJournal, type StreamJournal } from './stream-journal.js';
import { type ItemChange, type StreamViewType, streamRecord, type TableStream } from './stream-record.js';

export type StreamListener = (record: DynamoDBRecord) => void;

/** DynamoDB Streams for the embedded DynamoDB: the records of every committed write, per table. */
export interface StreamRecorder extends WriteInterceptor {
  /** Follows a table's stream from now on (StartingPosition LATEST); returns the unsubscribe. */
  subscribe(tableName: string, listener: StreamListener): () => void;
  /**
   * The kept records (the last 24 h) of a table's current stream after `afterSequenceNumber`, or all of
   * them (TRIM_HORIZON) without it; none when the store is not persisted, whose stream starts empty.
   */
  read(tableName: string, afterSequenceNumber?: string): Promise<DynamoDBRecord[]>;
  /** Where `consumer` is in a table's stream, kept beside the records; undefined when not persisted. */
  checkpoint(tableName: string, consumer: string): StreamCheckpoint | undefined;
  /** Stops the trimming and closes the journal. */
  close(): Promise<void>;
}

const STREAMS_FILE = 'streams.json';
const JOURNAL_FILE = 'stream-journal.jsonl';
/** How often a running stack drops records past their 24 h (the journal is also trimmed at every start). */
const TRIM_EVERY_MS = 60 * 60 * 1000;

/**
 * dynalite keeps no StreamSpecification (it drops it from CreateTable), so this remembers each table's
 * (beside dynalite's files when persisted), reports it in DescribeTable as DynamoDB does, and records every
 * write's before and after images from inside the serialised write path: whoever wrote — the app, another
 * process, the AWS CLI — the record is the one DynamoDB would have written, in commit order. When persisted,
 * the records are appended to a journal before the write is answered and kept 24 h, as DynamoDB Streams
 * keep them, so a consumer stopped before it read them (Ctrl-C, kill -9) finds them on the next start.
 */
export async function createStreamRecorder(
  options: { path?: string; now?: () => number } = {},
): Promise<StreamRecorder> {
  const now = options.now ?? Date.now;
  const file = options.path ? join(options.path, STREAMS_FILE) : undefined;
  const streams = new Map<string, TableStream>(Object.entries(file ? await readStreams(file) : {}));
  const journal: StreamJournal | undefined = options.path
    ? await openStreamJournal({ file: join(options.path, JOURNAL_FILE), now })
    : undefined;
  // A trim that fails (a full disk) only leaves old records a while longer; the next start trims again, and
  // refuses to start, saying why, if the journal cannot be read.
  const trimming = journal
    ? setInterval(() => void journal.trim().catch(() => {}), TRIM_EVERY_MS)
    : undefined;
  trimming?.unref();
  const listeners = new Map<string, Set<StreamListener>>();
  // Sequence numbers grow across restarts: from the clock, and past any the journal already holds.
  let sequence = BigInt(now()) * 1_000_000n;
  if (journal?.lastSequenceNumber !== undefined && journal.lastSequenceNumber > sequence) {
    sequence = journal.lastSequenceNumber;
  }
  const save = async () => {
    if (file) await writeFile(file, `${JSON.stringify(Object.fromEntries(streams), null, 2)}\n`);
  };

  const record = (table: string, change: ItemChange): JournalEntry | undefined => {
    const stream = streams.get(table);
    if (!stream) return undefined;
    sequence += 1n;
    return { table, record: streamRecord(stream, change, sequence, new Date(now())) };
  };
  const emit = ({ table, record }: JournalEntry) => {
    for (const listener of listeners.get(table) ?? []) listener(record);
  };

  async function enable(call: Call, table: string, spec: Wire): Promise<void> {
    if (spec?.StreamEnabled === false) {
      if (streams.delete(table)) await save();
      return;
    }
    if (!spec?.StreamViewType) return;
    const described = await call('DescribeTable', { TableName: table });
    const tableArn: string =
      described.body.Table?.TableArn ?? `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`;
    const label = new Date().toISOString().replace('Z', '');
    streams.set(table, {
      viewType: spec.StreamViewType as StreamViewType,
      arn: `${tableArn}/stream/${label}`,
      label,
    });
    await save();
  }

  const withStream = (table: string, reply: Reply): Reply => {
    const stream = streams.get(table);
    const description = reply.body.Table ?? reply.body.TableDescription;
    if (!stream || reply.status !== 200 || !description) return reply;
    Object.assign(description, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: stream.viewType },
      LatestStreamLabel: stream.label,
      LatestStreamArn: stream.arn,
    });
    return reply;
  };

  return {
    subscribe(table, listener) {
      const set = listeners.get(table) ?? new Set();
      listeners.set(table, set);
      set.add(listener);
      return () => set.delete(listener);
    },

    async read(table, afterSequenceNumber) {
      const stream = streams.get(table);
      if (!journal || !stream) return [];
      return journal.read(table, stream.arn, afterSequenceNumber);
    },

    checkpoint(table, consumer) {
      if (!options.path) return undefined;
      return fileCheckpoint(join(options.path, `stream-checkpoint.${table}.${consumer}.json`));
    },

    async close() {
      clearInterval(trimming);
      await journal?.close();
    },

    tableOperation(call, operation, raw) {
      const request = parse(raw);
      const table: string | undefined = request?.TableName;
      if (!table) return undefined;
      return (async () => {
        if (operation === 'DeleteTable') {
          const reply = await call(operation, raw);
          if (reply.status === 200 && streams.delete(table)) await save();
          return reply;
        }
        if (operation === 'UpdateTable' && request.StreamSpecification) {
          const { StreamSpecification: spec, ...rest } = request;
          await enable(call, table, spec);
          if (Object.keys(rest).length > 1) return withStream(table, await call(operation, rest));
          // dynalite refuses an UpdateTable with nothing else to change: answer as DynamoDB does.
          const described = await call('DescribeTable', { TableName: table });
          const reply =
            described.status === 200
              ? { status: 200, body: { TableDescription: described.body.Table } }
              : described;
          return withStream(table, reply);
        }
        const reply = await call(operation, raw);
        if (operation === 'CreateTable' && reply.status === 200)
          await enable(call, table, request.StreamSpecification);
        return withStream(table, reply);
      })();
    },

    writes(call: Call, keysOf: KeysOf): Call {
      return async (operation, payload) => {
        const request = typeof payload === 'string' ? parse(payload) : payload;
        const targets = request ? await targetsOf(operation, request, keysOf).catch(() => []) : [];
        const streamed = targets.filter((target) => streams.has(target.table));
        if (streamed.length === 0) return call(operation, payload);
        const read = (target: Target) =>
          call('GetItem', { TableName: target.table, Key: target.key, ConsistentRead: true }).then(
            (got) => got.body.Item as Wire | undefined,
          );
        const before = await Promise.all(streamed.map(read));
        const reply = await call(operation, payload);
        if (reply.status !== 200) return reply;
        const after = await Promise.all(streamed.map(read));
        const entries = streamed.flatMap((target, index) => {
          const oldImage = before[index];
          const newImage = after[index];
          // DynamoDB writes no record for a write that changed nothing (or a delete of nothing).
          if (isDeepStrictEqual(oldImage, newImage)) return [];
          return record(target.table, { keys: target.key, oldImage, newImage }) ?? [];
        });
        // Kept before the write is answered, so a record of an acknowledged write outlives this process.
        await journal?.append(entries);
        entries.forEach(emit);
        return reply;
      };
    },
  };
}

interface Target {
  table: string;
  key: Wire;
}

/** The items a write touches, by table and key. */
async function targetsOf(operation: string, request: Wire, keysOf: KeysOf): Promise<Target[]> {
  switch (operation) {
    case 'PutItem':
      return [{ table: request.TableName, key: pick(request.Item, await keysOf(request.TableName)) }];
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ table: request.TableName, key: request.Key }];
    case 'BatchWriteItem': {
      const targets: Target[] = [];
      for (const [table, writes] of Object.entries(request.RequestItems ?? {}) as [string, Wire[]][]) {
        const names = await keysOf(table);
        for (const write of writes) {
          const key = write.DeleteRequest?.Key ?? pick(write.PutRequest?.Item, names);
          targets.push({ table, key });
        }
      }
      return targets;
    }
    default:
      return [];
  }
}

function parse(raw: string): Wire | undefined {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

async function readStreams(file: string): Promise<Record<string, TableStream>> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is not the stream list the local stack wrote; delete it to start over.`, {
      cause: error,
    });
  }
}
