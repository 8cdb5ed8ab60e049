import { createServer, type Server } from 'node:http';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../src/adapters/dynamodb/index.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';

/** How long the stalled store takes: past DynamoDB's 3 s request timeout, within the embedded store's. */
const STALL_MS = 4_000;

/**
 * A laptop under load: dynalite answers, but only after a few seconds. A proxy in front of it holds each
 * request that long (a stand-in for a stalled process, which dynalite itself cannot be told to be).
 */
describe('the embedded store on a busy laptop', () => {
  let db: EmbeddedDynamoDb;
  let proxy: Server;
  let endpoint: string;

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    proxy = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      await new Promise((resolve) => setTimeout(resolve, STALL_MS));
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'connection', 'content-length'].includes(name),
        ),
      ) as Record<string, string>;
      const answer = await fetch(`${db.endpoint}${request.url}`, {
        method: request.method ?? 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await db.close();
  });

  it('waits out a stall of a few seconds instead of turning it into an outage', async () => {
    const client = createDynamoDbClient({ endpoint, region: 'us-east-1' });
    try {
      const answer = await client.send(new ListTablesCommand({}));
      expect(answer.TableNames).toEqual(expect.any(Array));
    } finally {
      client.destroy();
    }
  }, 30_000);
});
