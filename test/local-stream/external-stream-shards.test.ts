import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ShardIteratorType,
  StreamShard,
  StreamsApi,
  StreamsApiRecord,
} from '../../src/adapters/dynamodb/streams-api.js';
import { type ExternalStream, openExternalStream } from '../../src/local/stream/external-stream.js';

const TABLE = 'shards-main';
const ARN = `arn:aws:dynamodb:eu-west-1:000000000000:table/${TABLE}/stream/2026-01-01T00:00:00.000`;

interface FakeShard {
  parent?: string;
  records: StreamsApiRecord[];
  closed: boolean;
}

/**
 * The Streams API as a scripted stand-in: moto_server (the real emulator the end-to-end test uses) keeps one
 * shard that never closes, so shards that close and hand over to children, and iterators that expire,
 * cannot be made there. Iterators are `<shard>:<index>`; every GetShardIterator is logged.
 */
function scriptedApi(shards: Record<string, FakeShard>, options: { expireOnceAt?: string } = {}) {
  const calls: string[] = [];
  let expire = options.expireOnceAt;
  let seq = 100;
  const record = (pk: string, createdAt = Math.floor(Date.now() / 1000)): StreamsApiRecord => {
    seq += 1;
    return {
      eventID: pk,
      eventName: 'INSERT',
      dynamodb: {
        Keys: { pk: { S: pk } },
        SequenceNumber: String(seq),
        ApproximateCreationDateTime: createdAt,
      },
    };
  };
  const api: StreamsApi = {
    latestStream: async () => ({ arn: ARN, viewType: 'NEW_AND_OLD_IMAGES' }),
    shards: async () =>
      Object.entries(shards).map(
        ([ShardId, shard]): StreamShard => ({
          ShardId,
          ...(shard.parent ? { ParentShardId: shard.parent } : {}),
        }),
      ),
    async shardIterator(_arn, shardId, type: ShardIteratorType, sequenceNumber) {
      calls.push(`${type} ${shardId}${sequenceNumber ? ` ${sequenceNumber}` : ''}`);
      const { records } = shards[shardId] as FakeShard;
      const index =
        type === 'TRIM_HORIZON'
          ? 0
          : records.findIndex((r) => r.dynamodb?.SequenceNumber === sequenceNumber) + 1;
      return `${shardId}:${index}`;
    },
    async records(iterator) {
      const [shardId = '', at = '0'] = iterator.split(':');
      if (expire === iterator) {
        expire = undefined;
        throw Object.assign(new Error('expired'), { name: 'ExpiredIteratorException' });
      }
      const shard = shards[shardId] as FakeShard;
      const records = shard.records.slice(Number(at));
      const end = Number(at) + records.length;
      return {
        records,
        nextIterator: shard.closed && end === shard.records.length ? undefined : `${shardId}:${end}`,
      };
    },
    close: () => {},
  };
  return { api, calls, record };
}

/** Resolves once `condition` holds; fails after `timeoutMs` (a hang guard, not a timing claim). */
async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resume) => setTimeout(resume, 5));
  }
}

const pkOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S ?? '?';

describe('an external table stream read shard by shard', () => {
  const dirs: string[] = [];
  const open: ExternalStream[] = [];
  afterEach(async () => {
    for (const stream of open.splice(0)) await stream.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const positionsFile = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-shards-'));
    dirs.push(dir);
    return join(dir, 'positions.json');
  };
  const start = async (api: StreamsApi, file: string) => {
    const opened = await openExternalStream({
      api,
      tableName: TABLE,
      positionsFile: file,
      logger: { error: () => {} },
      options: { pollIntervalMs: 1, maxPollIntervalMs: 5 },
    });
    if (!('subscribe' in opened)) throw new Error(opened.reason);
    open.push(opened);
    return opened;
  };

  it('reads a closed parent to its end before its child, and saves each shard’s position at a checkpoint', async () => {
    const shards: Record<string, FakeShard> = {
      child: { parent: 'parent', records: [], closed: false },
      parent: { records: [], closed: true },
    };
    const { api, calls, record } = scriptedApi(shards);
    shards.parent?.records.push(record('A'), record('B'));
    shards.child?.records.push(record('C'));
    const file = await positionsFile();
    const stream = await start(api, file);
    const seen: DynamoDBRecord[] = [];
    stream.subscribe(TABLE, (r) => seen.push(r));
    await until(() => seen.length === 3);
    expect(seen.map(pkOf)).toEqual(['A', 'B', 'C']);
    expect(seen[0]?.eventSourceARN).toBe(ARN);
    expect(seen[0]?.awsRegion).toBe('eu-west-1');

    await stream.checkpoint().save(seen[2]?.dynamodb?.SequenceNumber ?? '');
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.streamArn).toBe(ARN);
    expect(saved.shards).toEqual({
      parent: seen[1]?.dynamodb?.SequenceNumber,
      child: seen[2]?.dynamodb?.SequenceNumber,
    });
    await stream.close();
    open.splice(0);

    // A new start goes on after the saved positions: nothing more from the parent, the new record of the child.
    shards.child?.records.push(record('D'));
    calls.splice(0);
    const again = await start(api, file);
    const after: DynamoDBRecord[] = [];
    again.subscribe(TABLE, (r) => after.push(r));
    await until(() => after.length >= 1);
    expect(after.map(pkOf)).toEqual(['D']);
    expect(calls).toContain(`AFTER_SEQUENCE_NUMBER child ${seen[2]?.dynamodb?.SequenceNumber}`);
  });

  it('goes on after the last record handed out when an iterator expires, and skips what predates its first start', async () => {
    const shards: Record<string, FakeShard> = { only: { records: [], closed: false } };
    const { api, calls, record } = scriptedApi(shards, { expireOnceAt: 'only:3' });
    shards.only?.records.push(
      record('OLD', Math.floor(Date.now() / 1000) - 3600),
      record('NEW1'),
      record('NEW2'),
    );
    const stream = await start(api, await positionsFile());
    const seen: DynamoDBRecord[] = [];
    stream.subscribe(TABLE, (r) => seen.push(r));
    await until(() => calls.length === 2);
    shards.only?.records.push(record('NEW3'));
    await until(() => seen.length >= 3);
    expect(seen.map(pkOf)).toEqual(['NEW1', 'NEW2', 'NEW3']);
    expect(calls).toEqual([
      'TRIM_HORIZON only',
      `AFTER_SEQUENCE_NUMBER only ${seen[1]?.dynamodb?.SequenceNumber}`,
    ]);
  });

  it('says why when the endpoint has no stream or no Streams API', async () => {
    const file = await positionsFile();
    const { api } = scriptedApi({});
    const noStream = await openExternalStream({
      api: { ...api, latestStream: async () => undefined },
      tableName: TABLE,
      positionsFile: file,
      logger: { error: () => {} },
    });
    expect(noStream).toEqual({ reason: expect.stringMatching(/has no stream/) });
    const unknown = Object.assign(new Error('DynamoDB answered HTTP 400'), {
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
    const noApi = await openExternalStream({
      api: { ...api, shards: async () => Promise.reject(unknown) },
      tableName: TABLE,
      positionsFile: file,
      logger: { error: () => {} },
    });
    expect(noApi).toEqual({ reason: expect.stringMatching(/does not answer the DynamoDB Streams API/) });
  });
});
