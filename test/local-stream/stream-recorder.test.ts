import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectionsTableDefinition,
  createDynamoDbClient,
  ensureTable,
  tableDefinition,
} from '../../src/adapters/dynamodb/index.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';

const MAIN = 'streams-main';
const CONNECTIONS = 'streams-connections';
const KEYS_ONLY = 'streams-keys';

describe('the embedded DynamoDB’s streams', () => {
  let db: EmbeddedDynamoDb;
  let client: DynamoDBDocumentClient;
  const seen = new Map<string, DynamoDBRecord[]>();
  /** The records a table's stream wrote since the last call. */
  const drain = (table: string) => seen.get(table)?.splice(0) ?? [];

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
    await ensureTable(client, MAIN);
    await ensureTable(client, CONNECTIONS, { definition: connectionsTableDefinition });
    await client.send(
      new CreateTableCommand({
        TableName: KEYS_ONLY,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    for (const table of [MAIN, CONNECTIONS, KEYS_ONLY]) {
      seen.set(table, []);
      db.streams.subscribe(table, (record) => seen.get(table)?.push(record));
    }
  });
  afterAll(async () => {
    client?.destroy();
    await db?.close();
  });

  const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'ITEM' } });

  it('reports the table design’s stream in DescribeTable, and none for a table without one', async () => {
    const main = await client.send(new DescribeTableCommand({ TableName: MAIN }));
    expect(main.Table?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(main.Table?.LatestStreamArn).toMatch(new RegExp(`^arn:aws:dynamodb:.*:table/${MAIN}/stream/`));
    const connections = await client.send(new DescribeTableCommand({ TableName: CONNECTIONS }));
    expect(connections.Table?.StreamSpecification).toBeUndefined();
  });

  it('writes INSERT, MODIFY and REMOVE with both images, in commit order, and nothing for a no-op', async () => {
    const item = { ...key('A'), note: { S: 'first' } };
    await client.send(new PutItemCommand({ TableName: MAIN, Item: item }));
    await client.send(
      new UpdateItemCommand({
        TableName: MAIN,
        Key: key('A'),
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': { S: 'second' } },
      }),
    );
    await client.send(new PutItemCommand({ TableName: MAIN, Item: { ...key('A'), note: { S: 'second' } } }));
    await client.send(new DeleteItemCommand({ TableName: MAIN, Key: key('A') }));
    await client.send(new DeleteItemCommand({ TableName: MAIN, Key: key('A') }));

    const records = drain(MAIN);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records.map((r) => r.dynamodb);
    expect(insert).toMatchObject({ Keys: key('A'), NewImage: item, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(insert?.OldImage).toBeUndefined();
    expect(modify).toMatchObject({ OldImage: { note: { S: 'first' } }, NewImage: { note: { S: 'second' } } });
    expect(remove).toMatchObject({ Keys: key('A'), OldImage: { note: { S: 'second' } } });
    expect(remove?.NewImage).toBeUndefined();
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
    expect(
      records.every((r) => r.eventSource === 'aws:dynamodb' && r.eventSourceARN?.includes('/stream/')),
    ).toBe(true);
  });

  it('records each item of a transaction and of a batch write, and nothing for a refused write', async () => {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: MAIN, Item: { ...key('T1'), n: { N: '1' } } } },
          { Put: { TableName: MAIN, Item: { ...key('T2'), n: { N: '2' } } } },
        ],
      }),
    );
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [MAIN]: [{ DeleteRequest: { Key: key('T1') } }, { PutRequest: { Item: { ...key('B1') } } }],
        },
      }),
    );
    await expect(
      client.send(
        new PutItemCommand({
          TableName: MAIN,
          Item: key('T2'),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });

    const records = drain(MAIN).map((r) => [r.eventName, r.dynamodb?.Keys?.pk?.S]);
    expect(records).toEqual([
      ['INSERT', 'T1'],
      ['INSERT', 'T2'],
      ['REMOVE', 'T1'],
      ['INSERT', 'B1'],
    ]);
  });

  it('keeps only what the view type says, and nothing for a table without a stream', async () => {
    await client.send(
      new PutItemCommand({ TableName: KEYS_ONLY, Item: { id: { S: 'k' }, secret: { S: 's' } } }),
    );
    await client.send(new PutItemCommand({ TableName: CONNECTIONS, Item: key('CONN#1') }));
    const [record] = drain(KEYS_ONLY);
    expect(record?.dynamodb).toMatchObject({ Keys: { id: { S: 'k' } }, StreamViewType: 'KEYS_ONLY' });
    expect(record?.dynamodb?.NewImage).toBeUndefined();
    expect(drain(CONNECTIONS)).toEqual([]);
  });
});

describe('the embedded DynamoDB’s streams on persisted data', () => {
  it('gives a table made before it had a stream its stream, and keeps it across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-streams-'));
    const { StreamSpecification: _none, ...older } = tableDefinition(MAIN);
    const first = await startEmbeddedDynamoDb({ path: dir });
    const before = createDynamoDbClient({ endpoint: first.endpoint, region: 'us-east-1' });
    await before.send(new CreateTableCommand(older));
    await ensureTable(before, MAIN);
    before.destroy();
    await first.close();

    const second = await startEmbeddedDynamoDb({ path: dir });
    const client = createDynamoDbClient({ endpoint: second.endpoint, region: 'us-east-1' });
    const records: DynamoDBRecord[] = [];
    second.streams.subscribe(MAIN, (record) => records.push(record));
    await client.send(new PutItemCommand({ TableName: MAIN, Item: { pk: { S: 'P' }, sk: { S: 'S' } } }));
    const described = await client.send(new DescribeTableCommand({ TableName: MAIN }));
    client.destroy();
    await second.close();
    await rm(dir, { recursive: true, force: true });

    expect(described.Table?.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(records.map((r) => r.eventName)).toEqual(['INSERT']);
  });
});
