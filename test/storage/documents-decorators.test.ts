import { type AddressInfo, createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/adapters/aws/circuit-breaker.js';
import {
  createHttpDocuments,
  type DocumentOperation,
  type DynamoDbDocuments,
  guardedDocuments,
  watchedDocuments,
} from '../../src/adapters/dynamodb/index.js';
import { UnavailableError } from '../../src/domain/shared/errors.js';
import { startDynalite, type TestDynamoDb } from '../support/dynalite.js';

/** A loopback server that resets every connection it accepts, counting them: each is one attempt of a call. */
async function resettingServer(): Promise<{ endpoint: string; attempts: () => number; server: Server }> {
  let attempts = 0;
  const server = createServer((socket) => {
    attempts++;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, attempts: () => attempts, server };
}

/** The calls `documents` sees, by operation, and the documents that record them. */
function watching(documents: DynamoDbDocuments) {
  const seen: DocumentOperation[] = [];
  const watched = watchedDocuments(documents, (operation, _input, call) => {
    seen.push(operation);
    return call();
  });
  return { seen, documents: watched };
}

const KEY = { pk: 'WATCHED#1', sk: 'ITEM' };

describe('decorators of the documents port, over the HTTP implementation', () => {
  let db: TestDynamoDb;
  const closing: (() => void | Promise<void>)[] = [];
  beforeAll(async () => {
    db = await startDynalite('blogapp-decorators');
  });
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });
  afterAll(async () => {
    await db.close();
  });

  const httpDocuments = (endpoint: string) => {
    const client = createHttpDocuments({ endpoint, region: 'us-east-1' });
    closing.push(() => client.destroy());
    return client;
  };

  it('watchedDocuments passes each call, its input and its answer through, naming its operation', async () => {
    const { seen, documents } = watching(httpDocuments(db.endpoint));

    await documents.put({ TableName: db.tableName, Item: { ...KEY, note: 'kept' } });
    const { Item } = await documents.get({ TableName: db.tableName, Key: KEY, ConsistentRead: true });

    expect(Item).toEqual({ ...KEY, note: 'kept' });
    expect(seen).toEqual(['put', 'get']);
  });

  it('watchedDocuments sees a call once, however often the client under it retries it', async () => {
    const resetting = await resettingServer();
    closing.push(() => new Promise((resolve) => resetting.server.close(() => resolve())));
    const { seen, documents } = watching(httpDocuments(resetting.endpoint));

    await expect(documents.get({ TableName: 't', Key: KEY })).rejects.toMatchObject({ code: 'ECONNRESET' });

    // The embedded store's timeouts allow two attempts: both reached the server, the watcher saw one call.
    expect(resetting.attempts()).toBe(2);
    expect(seen).toEqual(['get']);
  });

  it('guardedDocuments counts a call once after its retries, then refuses at once when the circuit opens', async () => {
    const resetting = await resettingServer();
    closing.push(() => new Promise((resolve) => resetting.server.close(() => resolve())));
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 60_000 });
    const documents = guardedDocuments(httpDocuments(resetting.endpoint), breaker);
    const get = () => documents.get({ TableName: 't', Key: KEY });

    for (let call = 1; call <= 3; call++) {
      // Two calls are four failed attempts, past the threshold: only calls count, so the third still goes out.
      expect(breaker.state).toBe('closed');
      await expect(get()).rejects.toMatchObject({ code: 'ECONNRESET' });
    }
    const attempts = resetting.attempts();
    expect(attempts).toBe(6);

    await expect(get()).rejects.toBeInstanceOf(UnavailableError);
    expect(resetting.attempts()).toBe(attempts);
    expect(breaker.state).toBe('open');
  });
});
