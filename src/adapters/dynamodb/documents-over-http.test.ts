import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../../../test/support/dynalite.js';
import { sdkDocumentClient } from '../../../test/support/sdk-document-client.js';
import type { DocumentOperation, DynamoDbDocuments } from './documents.js';
import { createHttpDocuments, type HttpDocuments } from './documents-over-http.js';

/**
 * The thin client against the SDK's document client, each on its own dynalite (behind the local transactions
 * shim) holding the app's table: the same calls must give the same outputs and fail with the same errors.
 */
const TABLE = 'blogapp-test';

/** The same port over the SDK's document client, as the repositories called it before the thin client: the reference. */
function overSdk(client: DynamoDBDocumentClient): DynamoDbDocuments {
  const send = (command: unknown) => client.send(command as never) as Promise<never>;
  return {
    get: (input) => send(new GetCommand(input)),
    put: (input) => send(new PutCommand(input)),
    update: (input) => send(new UpdateCommand(input)),
    delete: (input) => send(new DeleteCommand(input)),
    query: (input) => send(new QueryCommand(input)),
    batchGet: (input) => send(new BatchGetCommand(input)),
    batchWrite: (input) => send(new BatchWriteCommand(input)),
    transactWrite: (input) => send(new TransactWriteCommand(input)),
    transactGet: (input) => send(new TransactGetCommand(input)),
  };
}

const post = {
  pk: 'POST#1',
  sk: 'POST',
  title: 'Hello',
  empty: '',
  count: 3,
  ratio: 0.25,
  big: 12345678901234,
  flag: true,
  nothing: null,
  missing: undefined,
  tags: new Set(['a', 'b']),
  scores: new Set([1, 2]),
  bytes: new Uint8Array([1, 2, 3]),
  nested: { list: [1, 'two', { three: 3, gone: undefined }], map: { deep: ['x'] } },
};
const comment = (n: number) => ({ pk: 'POST#1', sk: `COMMENT#${n}`, body: `comment ${n}`, n });

/** Every method, the ways the repositories use it, and the failures they read; each step's input is kept. */
const script: [DocumentOperation, Record<string, unknown>][] = [
  ['put', { TableName: TABLE, Item: post }],
  ['get', { TableName: TABLE, Key: { pk: 'POST#1', sk: 'POST' }, ConsistentRead: true }],
  ['get', { TableName: TABLE, Key: { pk: 'POST#1', sk: 'NONE' } }],
  ['put', { TableName: TABLE, Item: { ...post, title: 'Again' }, ReturnValues: 'ALL_OLD' }],
  [
    'update',
    {
      TableName: TABLE,
      Key: { pk: 'POST#1', sk: 'POST' },
      UpdateExpression: 'SET #t = :t, #c = #c + :one, #m = :m',
      ExpressionAttributeNames: { '#t': 'title', '#c': 'count', '#m': 'more' },
      ExpressionAttributeValues: { ':t': 'Updated', ':one': 1, ':m': { a: [true, null], gone: undefined } },
      ReturnValues: 'ALL_NEW',
    },
  ],
  [
    'put',
    {
      TableName: TABLE,
      Item: { pk: 'POST#1', sk: 'POST' },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  ],
  [
    'batchWrite',
    {
      RequestItems: {
        [TABLE]: [1, 2, 3, 4].map((n) => ({ PutRequest: { Item: comment(n) } })),
      },
    },
  ],
  [
    'batchWrite',
    { RequestItems: { [TABLE]: [{ DeleteRequest: { Key: { pk: 'POST#1', sk: 'COMMENT#4' } } }] } },
  ],
  [
    'query',
    {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': 'POST#1', ':c': 'COMMENT#' },
      Limit: 2,
    },
  ],
  [
    'query',
    {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': 'POST#1', ':c': 'COMMENT#' },
      ExclusiveStartKey: { pk: 'POST#1', sk: 'COMMENT#2' },
      ScanIndexForward: false,
    },
  ],
  [
    'batchGet',
    {
      RequestItems: {
        [TABLE]: { Keys: [1, 2, 9].map((n) => ({ pk: 'POST#1', sk: `COMMENT#${n}` })), ConsistentRead: true },
      },
    },
  ],
  [
    'transactWrite',
    {
      TransactItems: [
        { Put: { TableName: TABLE, Item: comment(5), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: TABLE,
            Key: { pk: 'POST#1', sk: 'POST' },
            UpdateExpression: 'ADD #c :one',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        { Delete: { TableName: TABLE, Key: { pk: 'POST#1', sk: 'COMMENT#3' } } },
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: { pk: 'POST#1', sk: 'COMMENT#1' },
            ConditionExpression: 'n = :n',
            ExpressionAttributeValues: { ':n': 1 },
          },
        },
      ],
      ClientRequestToken: 'token-1',
    },
  ],
  [
    'transactWrite',
    {
      TransactItems: [
        { Put: { TableName: TABLE, Item: comment(6) } },
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: { pk: 'POST#1', sk: 'COMMENT#1' },
            ConditionExpression: 'n = :n',
            ExpressionAttributeValues: { ':n': 2 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    },
  ],
  [
    'transactGet',
    {
      TransactItems: [
        { Get: { TableName: TABLE, Key: { pk: 'POST#1', sk: 'POST' } } },
        { Get: { TableName: TABLE, Key: { pk: 'POST#1', sk: 'COMMENT#6' } } },
        { Get: { TableName: TABLE, Key: { pk: 'POST#1', sk: 'COMMENT#5' } } },
      ],
    },
  ],
  ['delete', { TableName: TABLE, Key: { pk: 'POST#1', sk: 'COMMENT#5' }, ReturnValues: 'ALL_OLD' }],
  ['get', { TableName: 'no-such-table', Key: { pk: 'POST#1', sk: 'POST' } }],
  ['get', { TableName: TABLE, Key: { pk: 'POST#1' } }],
];

type Outcome = { output: unknown } | { error: Record<string, unknown> };

async function run(
  documents: DynamoDbDocuments,
  operation: DocumentOperation,
  input: object,
): Promise<Outcome> {
  const method = documents[operation] as (input: object) => Promise<unknown>;
  try {
    const output = (await method.call(documents, input)) as Record<string, unknown> | undefined;
    const { $metadata: _, ...rest } = output ?? {};
    return { output: operation === 'batchGet' ? inKeyOrder(rest) : rest };
  } catch (error) {
    const { name, message, $fault, $metadata, Item, CancellationReasons } = error as Record<string, never>;
    const status = ($metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
    return { error: { name, message, $fault, status, Item, CancellationReasons } };
  }
}

/** BatchGetItem answers a table's items in no particular order. */
function inKeyOrder(output: Record<string, unknown>): Record<string, unknown> {
  const responses = output.Responses as Record<string, { sk: string }[]> | undefined;
  if (!responses) return output;
  const sorted = Object.entries(responses).map(([table, items]) => [
    table,
    [...items].sort((a, b) => a.sk.localeCompare(b.sk)),
  ]);
  return { ...output, Responses: Object.fromEntries(sorted) };
}

describe('documents over HTTP', () => {
  let sdkDb: TestDynamoDb;
  let httpDb: TestDynamoDb;
  let sdk: DynamoDBDocumentClient;
  let http: HttpDocuments;

  beforeAll(async () => {
    [sdkDb, httpDb] = await Promise.all([startDynalite(TABLE), startDynalite(TABLE)]);
    sdk = sdkDocumentClient(sdkDb.endpoint, 'us-east-1');
    http = createHttpDocuments({ endpoint: httpDb.endpoint, region: 'us-east-1' });
  });

  afterAll(async () => {
    sdk?.destroy();
    http?.destroy();
    await Promise.all([sdkDb?.close(), httpDb?.close()]);
  });

  it('answers every call as the SDK document client does, and leaves the inputs as they were', async () => {
    const overTheSdk = overSdk(sdk);
    const failures: unknown[] = [];
    for (const [operation, input] of script) {
      const before = structuredClone(input);
      const expected = await run(overTheSdk, operation, input);
      const actual = await run(http, operation, input);
      expect({ step: operation, input, ...actual }).toEqual({ step: operation, input: before, ...expected });
      if ('error' in actual) failures.push(actual.error.name);
    }
    // The failures the script means to compare did happen (and nothing else failed).
    expect(failures).toEqual([
      'ConditionalCheckFailedException',
      'TransactionCanceledException',
      'ResourceNotFoundException',
      'ValidationException',
    ]);
  });

  it('reports its attempts, status and request id in $metadata, as SDK outputs do', async () => {
    const output = await http.get({ TableName: TABLE, Key: { pk: 'POST#1', sk: 'POST' } });
    expect((output as { $metadata?: unknown }).$metadata).toMatchObject({
      httpStatusCode: 200,
      requestId: expect.any(String),
      attempts: 1,
      totalRetryDelay: 0,
    });
  });

  it('fails a call at once when its signal is already aborted, with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      http.get({ TableName: TABLE, Key: { pk: 'POST#1', sk: 'POST' } }, { abortSignal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
