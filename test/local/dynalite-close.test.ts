import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { afterEach, describe, expect, it } from 'vitest';
import { type Call, withTransactions } from '../../src/local/dynalite-transactions.js';
import { rawHttp } from '../support/raw-http.js';

const TABLE = 'things';
const AUTH =
  'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

/** One DynamoDB call over HTTP; `signal` cuts the connection, as a client that gave up does. */
async function send(
  endpoint: string,
  operation: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await rawHttp(endpoint, {
    method: 'POST',
    headers: {
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'content-type': 'application/x-amz-json-1.0',
      authorization: AUTH,
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return { status: answer.status, body: answer.body ? JSON.parse(answer.body) : {} };
}

async function start(path: string, gate?: { reached: () => void; opened: Promise<void> }) {
  const server = withTransactions(dynalite({ path, createTableMs: 0 }), {
    writes: (call: Call): Call =>
      gate
        ? async (operation, payload) => {
            gate.reached();
            await gate.opened;
            return call(operation, payload);
          }
        : call,
    tableOperation: () => undefined,
  }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * dynalite closes its database once its HTTP server has closed, which is as soon as the last connection
 * ends: a transaction whose caller gave up keeps running in the write queue, and was cut between its items
 * (seen as "Database is closed" and a comment stored without its idempotency claim, so stored twice).
 */
describe('the embedded DynamoDB closing under a write', () => {
  it('finishes the writes already queued before its database closes, and refuses new ones', async () => {
    const path = await mkdtemp(join(tmpdir(), 'blogapp-dynalite-close-'));
    dirs.push(path);
    const setup = await start(path);
    const created = await send(setup.endpoint, 'CreateTable', {
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(created.status).toBe(200);
    await closed(setup.server);

    let reached!: () => void;
    const atFirstWrite = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held = await start(path, { reached, opened });
    const caller = new AbortController();
    const transaction = send(
      held.endpoint,
      'TransactWriteItems',
      {
        TransactItems: ['a', 'b'].map((pk) => ({ Put: { TableName: TABLE, Item: { pk: { S: pk } } } })),
      },
      caller.signal,
    ).catch((error: Error) => error);
    await atFirstWrite;
    caller.abort();
    expect(await transaction).toMatchObject({ name: 'AbortError' });
    const closing = closed(held.server);
    const late = await send(held.endpoint, 'PutItem', { TableName: TABLE, Item: { pk: { S: 'late' } } });
    expect(late.status).toBe(503);
    open();
    await closing;

    const reopened = await start(path);
    try {
      for (const pk of ['a', 'b']) {
        const got = await send(reopened.endpoint, 'GetItem', { TableName: TABLE, Key: { pk: { S: pk } } });
        expect(got.body.Item, `item ${pk}`).toEqual({ pk: { S: pk } });
      }
    } finally {
      await closed(reopened.server);
    }
  });
});
