import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../support/dynalite.js';
import { rawHttp } from '../support/raw-http.js';
import { sdkDocumentClient } from '../support/sdk-document-client.js';

/** A call as a browser would make it: its own `Host` and `Origin`, the SDK's other headers. */
const call = (endpoint: string, method: string, headers: Record<string, string>, body?: unknown) =>
  rawHttp(endpoint, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const SIGNED = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-date': '20260101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
};

/**
 * The embedded DynamoDB checks no signature, and dynalite answers every preflight with
 * `Access-Control-Allow-Origin: *`: a page the developer visits must not read or write the local table
 * through it, neither from its own origin nor through a name rebound to 127.0.0.1.
 */
describe('the embedded DynamoDB refuses browsers', () => {
  let db: TestDynamoDb;
  let sdk: ReturnType<typeof sdkDocumentClient>;
  const key = { pk: 'POST#guarded', sk: '#POST' };
  beforeAll(async () => {
    db = await startDynalite('blogapp-guarded');
    sdk = sdkDocumentClient(db.endpoint, 'us-east-1');
    await sdk.send(new PutCommand({ TableName: db.tableName, Item: { ...key, title: 'kept' } }));
  });
  afterAll(async () => {
    sdk?.destroy();
    await db?.close();
  });

  const host = () => new URL(db.endpoint).host;
  const titleNow = async () =>
    (await sdk.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item?.title;

  it('answers no preflight, so a page cannot send the headers a DynamoDB call needs', async () => {
    const preflight = await call(db.endpoint, 'OPTIONS', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,x-amz-target,x-amz-date',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('refuses a call carrying an Origin: nothing read, nothing written', async () => {
    const scan = await call(
      db.endpoint,
      'POST',
      { ...SIGNED, origin: 'https://evil.example', 'x-amz-target': 'DynamoDB_20120810.Scan' },
      { TableName: db.tableName },
    );
    expect(scan.status).toBe(403);
    expect(JSON.parse(scan.body)).toMatchObject({ __type: expect.stringMatching(/AccessDeniedException$/) });
    expect(scan.body).not.toContain('kept');
    expect(scan.headers['access-control-allow-origin']).toBeUndefined();
    const update = await call(
      db.endpoint,
      'POST',
      { ...SIGNED, origin: 'https://evil.example', 'x-amz-target': 'DynamoDB_20120810.UpdateItem' },
      {
        TableName: db.tableName,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        UpdateExpression: 'SET title = :t',
        ExpressionAttributeValues: { ':t': { S: 'defaced' } },
      },
    );
    expect(update.status).toBe(403);
    expect(await titleNow()).toBe('kept');
  });

  it('refuses a name rebound to 127.0.0.1 with 421, even without an Origin', async () => {
    const rebound = await call(
      db.endpoint,
      'POST',
      { ...SIGNED, host: 'evil.example', 'x-amz-target': 'DynamoDB_20120810.Scan' },
      { TableName: db.tableName },
    );
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('kept');
  });

  it('still answers its own clients: the AWS SDK, and a plain call on a loopback name', async () => {
    expect(await titleNow()).toBe('kept');
    const plain = await call(
      db.endpoint,
      'POST',
      {
        ...SIGNED,
        host: `localhost:${host().split(':')[1]}`,
        'x-amz-target': 'DynamoDB_20120810.ListTables',
      },
      {},
    );
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).TableNames).toContain(db.tableName);
  });
});
