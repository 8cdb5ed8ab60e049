import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient, ensureTable } from '../../src/adapters/dynamodb/index.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import {
  type EventSourceMapping,
  startEventSourceMapping,
} from '../../src/local/stream/event-source-mapping.js';
import { openStreamJournal } from '../../src/local/stream/stream-journal.js';
import type { LocalStreamOptions } from '../../src/local/stream/stream-options.js';

const TABLE = 'resume-main';
const HOUR_MS = 60 * 60 * 1000;

/** Resolves once `condition` holds, polling; fails after `timeoutMs` (a hang guard, not a timing claim). */
async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resume) => setTimeout(resume, 10));
  }
}

const pkOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S ?? '?';

/**
 * The embedded DynamoDB on a data dir of real files, stopped and started again as `make local` is, with
 * the event source mapping reading its stream through the checkpoint the local stack gives it.
 */
describe('the local stream across restarts of a persisted store', () => {
  const dirs: string[] = [];
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const running of open.splice(0).reverse()) await running.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-resume-'));
    dirs.push(dir);
    return dir;
  };

  const startDb = async (dir: string, now?: () => number) => {
    const db = await startEmbeddedDynamoDb({ path: dir, ...(now ? { now } : {}) });
    const client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
    await ensureTable(client, TABLE);
    const put = (pk: string) =>
      client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'ITEM' } } }));
    const running = {
      db,
      put,
      close: async () => {
        client.destroy();
        await db.close();
      },
    };
    open.push(running);
    return running;
  };

  const startMapping = async (
    db: EmbeddedDynamoDb,
    delivered: string[],
    options: Partial<LocalStreamOptions> = {},
  ): Promise<EventSourceMapping> => {
    const mapping = await startEventSourceMapping({
      streams: db.streams,
      tableName: TABLE,
      handler: async (event) => {
        delivered.push(...event.Records.map(pkOf));
        return { batchItemFailures: [] };
      },
      logger: { error: () => {} },
      checkpoint: db.streams.checkpoint(TABLE, 'test-consumer'),
      options: { batchingWindowMs: 0, ...options },
    });
    open.push(mapping);
    return mapping;
  };

  it('delivers after a restart what a stop left undelivered, and nothing it had delivered already', async () => {
    const dir = await dataDir();
    const first = await startDb(dir);
    const before: string[] = [];
    const prompt = await startMapping(first.db, before);
    await first.put('A');
    await first.put('B');
    await until(() => before.length === 2);
    await prompt.close();
    // Held for an hour and stopped without draining, as a process killed inside the batching window is.
    const held = await startMapping(first.db, before, { batchingWindowMs: HOUR_MS, drainTimeoutMs: 0 });
    await first.put('C');
    await first.put('D');
    await held.close();
    await first.close();
    expect(before).toEqual(['A', 'B']);

    const second = await startDb(dir);
    const after: string[] = [];
    await startMapping(second.db, after);
    await second.put('E');
    // Records arrive in shard order, so once E is in, whatever was going to come before it has.
    await until(() => after.includes('E'));
    expect(after).toEqual(['C', 'D', 'E']);
  });

  it('delivers on a graceful stop what was queued just before it, so the next start has nothing left', async () => {
    const dir = await dataDir();
    const first = await startDb(dir);
    const before: string[] = [];
    const held = await startMapping(first.db, before, { batchingWindowMs: HOUR_MS });
    await first.put('A');
    await first.put('B');
    await held.close();
    expect(before).toEqual(['A', 'B']);
    await first.close();

    const second = await startDb(dir);
    const after: string[] = [];
    await startMapping(second.db, after);
    await second.put('C');
    await until(() => after.includes('C'));
    expect(after).toEqual(['C']);
  });

  it('stops draining at drainTimeoutMs; what it could not deliver by then comes on the next start', async () => {
    const dir = await dataDir();
    const first = await startDb(dir);
    const attempts: string[] = [];
    const failing = await startEventSourceMapping({
      streams: first.db.streams,
      tableName: TABLE,
      handler: async (event) => {
        attempts.push(...event.Records.map(pkOf));
        throw new Error('the function is down');
      },
      logger: { error: () => {} },
      checkpoint: first.db.streams.checkpoint(TABLE, 'test-consumer'),
      options: {
        batchingWindowMs: HOUR_MS,
        drainTimeoutMs: 100,
        retryBaseDelayMs: 10,
        retryMaxDelayMs: 10,
        maximumRetryAttempts: 1_000_000,
      },
    });
    await first.put('A');
    // Retried all along until the drain's deadline: only that deadline lets close() end.
    await failing.close();
    expect(attempts[0]).toBe('A');
    await first.close();

    const second = await startDb(dir);
    const after: string[] = [];
    await startMapping(second.db, after);
    await second.put('B');
    await until(() => after.includes('B'));
    expect(after).toEqual(['A', 'B']);
  });

  it('refuses to start on a checkpoint it did not write, naming the file and what to do', async () => {
    const dir = await dataDir();
    const { db } = await startDb(dir);
    await writeFile(join(dir, `stream-checkpoint.${TABLE}.test-consumer.json`), 'not json');
    await expect(startMapping(db, [])).rejects.toThrow(
      /stream-checkpoint\.resume-main\.test-consumer\.json is not a stream checkpoint .*delete it/,
    );
  });

  it('starts a consumer with no checkpoint yet at the oldest kept record (TRIM_HORIZON)', async () => {
    const dir = await dataDir();
    const first = await startDb(dir);
    await first.put('A');
    await first.close();

    const second = await startDb(dir);
    const delivered: string[] = [];
    await startMapping(second.db, delivered);
    await second.put('B');
    await until(() => delivered.includes('B'));
    expect(delivered).toEqual(['A', 'B']);
  });

  it('keeps records 24 h: older ones are dropped from the journal at the next start', async () => {
    const dir = await dataDir();
    const t0 = Date.now();
    let clock = t0;
    const first = await startDb(dir, () => clock);
    await first.put('OLD');
    clock = t0 + 23 * HOUR_MS;
    await first.put('NEW');
    await first.close();
    const journal = join(dir, 'stream-journal.jsonl');
    expect(await lines(journal)).toHaveLength(2);

    clock = t0 + 24 * HOUR_MS + 60_000;
    const second = await startDb(dir, () => clock);
    expect((await second.db.streams.read(TABLE)).map(pkOf)).toEqual(['NEW']);
    expect((await lines(journal)).map((line) => JSON.parse(line).record.dynamodb.Keys.pk.S)).toEqual(['NEW']);
    // The shard goes on after the records it holds, even with the clock behind them.
    clock = t0;
    await second.put('LATER');
    const [kept, later] = await second.db.streams.read(TABLE);
    expect(BigInt(later?.dynamodb?.SequenceNumber ?? 0)).toBeGreaterThan(
      BigInt(kept?.dynamodb?.SequenceNumber ?? 0),
    );
  });
});

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

describe('the stream journal', () => {
  it('drops a last line the process died writing (its write was never answered) and appends after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-journal-'));
    const file = join(dir, 'journal.jsonl');
    const entry = (pk: string, sequence: number) => ({
      table: TABLE,
      record: {
        eventSourceARN: 'arn:stream',
        dynamodb: {
          Keys: { pk: { S: pk } },
          SequenceNumber: String(sequence).padStart(21, '0'),
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        },
      },
    });
    await writeFile(
      file,
      `${JSON.stringify(entry('WHOLE', 1))}\n${JSON.stringify(entry('TORN', 2)).slice(0, 30)}`,
    );
    const journal = await openStreamJournal({ file });
    await journal.append([entry('NEXT', 3)]);
    expect((await journal.read(TABLE, 'arn:stream')).map(pkOf)).toEqual(['WHOLE', 'NEXT']);
    expect((await journal.read(TABLE, 'arn:stream', '1'.padStart(21, '0'))).map(pkOf)).toEqual(['NEXT']);
    expect(await journal.read(TABLE, 'arn:another-stream')).toEqual([]);
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('drops records past the retention when trimmed while running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-journal-'));
    const file = join(dir, 'journal.jsonl');
    let clock = Date.now();
    const journal = await openStreamJournal({ file, now: () => clock });
    const at = (pk: string, sequence: number) => ({
      table: TABLE,
      record: {
        eventSourceARN: 'arn:stream',
        dynamodb: {
          Keys: { pk: { S: pk } },
          SequenceNumber: String(sequence),
          ApproximateCreationDateTime: Math.floor(clock / 1000),
        },
      },
    });
    await journal.append([at('OLD', 1)]);
    clock += 2 * HOUR_MS;
    await journal.append([at('NEW', 2)]);
    clock += 23 * HOUR_MS;
    await journal.trim();
    await journal.append([at('NEWEST', 3)]);
    expect((await lines(file)).map((line) => JSON.parse(line).record.dynamodb.Keys.pk.S)).toEqual([
      'NEW',
      'NEWEST',
    ]);
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  });
});
