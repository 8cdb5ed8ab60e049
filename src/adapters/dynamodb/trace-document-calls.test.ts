import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import AWSXRay from 'aws-xray-sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../../../test/support/dynalite.js';
import { sdkDocumentClient } from '../../../test/support/sdk-document-client.js';
import { comparable, startXRayDaemon, type XRayDaemon } from '../../../test/support/xray-daemon.js';
import type { DocumentOperation } from './documents.js';
import { createHttpDocuments, type HttpDocuments } from './documents-over-http.js';
import { traceDocumentCalls } from './trace-document-calls.js';

/**
 * The subsegments traceDocumentCalls sends to the daemon around the thin client's calls, against those
 * aws-xray-sdk-core's captureAWSv3Client records for the SDK document client making the same calls (the X-Ray
 * SDK in its manual mode, no Lambda here to give a segment; it stays a dev dependency as this oracle), each
 * client on its own dynalite.
 */
const TABLE = 'blogapp-test';
const REGION = 'us-east-1';

type Recorded = Record<string, unknown>;

const calls: [DocumentOperation, Record<string, unknown>, (input: never) => unknown][] = [
  ['put', { TableName: TABLE, Item: { pk: 'P', sk: 'POST', n: 1 } }, (input) => new PutCommand(input)],
  [
    'get',
    { TableName: TABLE, Key: { pk: 'P', sk: 'POST' }, ConsistentRead: true },
    (input) => new GetCommand(input),
  ],
  [
    'query',
    {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'P' },
      Limit: 5,
      ScanIndexForward: false,
    },
    (input) => new QueryCommand(input),
  ],
  [
    'put',
    { TableName: TABLE, Item: { pk: 'P', sk: 'POST' }, ConditionExpression: 'attribute_not_exists(pk)' },
    (input) => new PutCommand(input),
  ],
  ['get', { TableName: 'missing', Key: { pk: 'P', sk: 'POST' } }, (input) => new GetCommand(input)],
  [
    'transactWrite',
    { TransactItems: [{ Put: { TableName: TABLE, Item: { pk: 'Q', sk: 'POST' } } }] },
    (input) => new TransactWriteCommand(input),
  ],
];

describe('traceDocumentCalls', () => {
  let sdkDb: TestDynamoDb;
  let httpDb: TestDynamoDb;
  let http: HttpDocuments;
  let daemon: XRayDaemon;

  beforeAll(async () => {
    AWSXRay.enableManualMode();
    AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
    [sdkDb, httpDb, daemon] = await Promise.all([
      startDynalite(TABLE),
      startDynalite(TABLE),
      startXRayDaemon(),
    ]);
    http = createHttpDocuments({ endpoint: httpDb.endpoint, region: REGION });
  });
  afterAll(async () => {
    http?.destroy();
    await Promise.all([sdkDb?.close(), httpDb?.close(), daemon?.close()]);
  });

  it('records each call as captureAWSv3Client records the SDK making it', async () => {
    const sdkSegment = new AWSXRay.Segment('sdk');
    const sdk = AWSXRay.captureAWSv3Client(sdkDocumentClient(sdkDb.endpoint, REGION), sdkSegment);
    const tracer = daemon.tracer();
    const watch = traceDocumentCalls(tracer, REGION);
    await tracer.invocation('## test', async () => {
      for (const [operation, input, command] of calls) {
        await sdk.send(command(structuredClone(input) as never) as never).catch(() => undefined);
        const method = http[operation] as (input: object) => Promise<unknown>;
        await watch(operation, input, () => method.call(http, input)).catch(() => undefined);
      }
    });
    sdk.destroy();
    const [invocation, ...sent] = (await daemon.received(calls.length + 1)).reverse();
    tracer.close();
    const expected = (sdkSegment.subsegments ?? []).map((s) => comparable(s as unknown as Recorded));
    const actual = sent.reverse().map((s) => comparable(s));
    expect(actual).toEqual(expected);
    expect(sent.every((s) => s.parent_id === invocation?.id && s.trace_id === invocation.trace_id)).toBe(
      true,
    );
    // What makes the comparison worth it: the fields were there to compare.
    expect(actual.map((s) => (s.aws as Recorded).operation)).toEqual([
      'PutItem',
      'GetItem',
      'Query',
      'PutItem',
      'GetItem',
      'TransactWriteItems',
    ]);
    expect(actual[1]).toMatchObject({ aws: { table_name: TABLE, consistent_read: true, retries: 1 } });
    expect(actual[3]).toMatchObject({ error: true, http: { response: { status: 400 } } });
  });

  it('runs the call untraced outside a traced invocation', async () => {
    const tracer = daemon.tracer();
    const before = daemon.documents.length;
    await expect(traceDocumentCalls(tracer)('get', {}, async () => 'answer')).resolves.toBe('answer');
    // Datagrams arrive in order: the next one sent is the first to arrive, so none was sent for the call.
    await tracer.invocation('## after', async () => undefined);
    const [next] = (await daemon.received(before + 1)).slice(before);
    tracer.close();
    expect(next?.name).toBe('## after');
  });
});
