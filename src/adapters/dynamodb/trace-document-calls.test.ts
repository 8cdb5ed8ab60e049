import type { Tracer } from '@aws-lambda-powertools/tracer';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import AWSXRay from 'aws-xray-sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../../../test/support/dynalite.js';
import { sdkDocumentClient } from '../../../test/support/sdk-document-client.js';
import type { DocumentOperation } from './documents.js';
import { createHttpDocuments, type HttpDocuments } from './documents-over-http.js';
import { traceDocumentCalls } from './trace-document-calls.js';

/**
 * The subsegments traceDocumentCalls opens around the thin client's calls, against those aws-xray-sdk-core's
 * captureAWSv3Client records for the SDK document client making the same calls: real X-Ray segments both, in
 * the X-Ray SDK's manual mode (no Lambda here to give a segment), each client on its own dynalite.
 */
const TABLE = 'blogapp-test';
const REGION = 'us-east-1';

type Recorded = Record<string, unknown>;

/** What X-Ray would send of a subsegment, less what differs every time (ids, times, request ids, stacks). */
function comparable(subsegment: Recorded): Recorded {
  const { name, namespace, aws, http, error, fault, throttle, cause } = JSON.parse(
    JSON.stringify(subsegment),
  );
  const { request_id: requestId, ...awsRest } = aws ?? {};
  const { content_length: _, ...response } = http?.response ?? {};
  return {
    name,
    namespace,
    aws: { ...awsRest, has_request_id: requestId !== undefined },
    http: http?.response ? { response } : http,
    error,
    fault,
    throttle,
    exceptions: cause?.exceptions?.map((e: Recorded) => ({
      message: e.message,
      type: e.type,
      remote: e.remote,
    })),
  };
}

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

  beforeAll(async () => {
    AWSXRay.enableManualMode();
    AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
    [sdkDb, httpDb] = await Promise.all([startDynalite(TABLE), startDynalite(TABLE)]);
    http = createHttpDocuments({ endpoint: httpDb.endpoint, region: REGION });
  });
  afterAll(async () => {
    http?.destroy();
    await Promise.all([sdkDb?.close(), httpDb?.close()]);
  });

  it('records each call as captureAWSv3Client records the SDK making it', async () => {
    const sdkSegment = new AWSXRay.Segment('sdk');
    const sdk = AWSXRay.captureAWSv3Client(sdkDocumentClient(sdkDb.endpoint, REGION), sdkSegment);
    const httpSegment = new AWSXRay.Segment('thin');
    const watch = traceDocumentCalls({ getSegment: () => httpSegment } as unknown as Tracer, REGION);
    for (const [operation, input, command] of calls) {
      await sdk.send(command(structuredClone(input) as never) as never).catch(() => undefined);
      const method = http[operation] as (input: object) => Promise<unknown>;
      await watch(operation, input, () => method.call(http, input)).catch(() => undefined);
    }
    sdk.destroy();
    const expected = (sdkSegment.subsegments ?? []).map((s) => comparable(s as unknown as Recorded));
    const actual = (httpSegment.subsegments ?? []).map((s) => comparable(s as unknown as Recorded));
    expect(actual).toEqual(expected);
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

  it('runs the call untraced when there is no segment', async () => {
    const watch = traceDocumentCalls({ getSegment: () => undefined } as unknown as Tracer);
    await expect(watch('get', {}, async () => 'answer')).resolves.toBe('answer');
  });
});
