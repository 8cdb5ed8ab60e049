import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbStorage } from '../../src/adapters/dynamodb/index.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import { BadRequestError, UnavailableError } from '../../src/domain/shared/errors.js';
import { countCommands } from '../support/count-commands.js';
import { aComment, aPost } from '../support/storage-fixtures.js';
import { openDynamoDb } from '../support/storage-providers.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback server that accepts connections and never answers. */
async function silentServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('dynamodb storage', () => {
  let dynamo: Awaited<ReturnType<typeof openDynamoDb>>;
  beforeAll(async () => {
    dynamo = await openDynamoDb();
  });
  afterAll(async () => {
    dynamo?.destroy();
    await dynamo?.db.close();
  });

  it('answers ping when the table answers', async () => {
    const { storage } = await dynamo.fresh();

    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('fails ping with UnavailableError when the table is missing', async () => {
    const storage = createDynamoDbStorage({
      documents: dynamo.documents,
      tableName: 'no-such-table',
      connectionsTableName: 'no-such-table-connections',
    });

    await expect(storage.ping()).rejects.toThrowError(UnavailableError);
  });

  it('fails with UnavailableError within seconds when nothing listens', async () => {
    const { documents, destroy } = createDocuments({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'us-east-1',
    });
    const storage = createDynamoDbStorage({
      documents,
      tableName: 'blogapp-test',
      connectionsTableName: 'blogapp-test-connections',
    });
    const started = Date.now();

    const [ping, find] = await Promise.allSettled([storage.ping(), storage.posts.find('some-post')]);

    expect(ping).toMatchObject({ status: 'rejected', reason: expect.any(UnavailableError) });
    expect(find).toMatchObject({
      status: 'rejected',
      reason: { code: 'unavailable', cause: { code: 'ECONNREFUSED' } },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    destroy();
  });

  it('fails ping with UnavailableError within its budget when DynamoDB accepts but never answers', async () => {
    const silent = await silentServer();
    const { documents, destroy } = createDocuments({ endpoint: silent.endpoint, region: 'us-east-1' });
    const started = Date.now();

    const ping = createDynamoDbStorage({
      documents,
      tableName: 'blogapp-test',
      connectionsTableName: 'blogapp-test-connections',
    }).ping();

    await expect(ping).rejects.toThrowError(UnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
    destroy();
    await silent.close();
  });

  it('serves each read route with one call: a post, a page of posts, a page of comments', async () => {
    const { storage, tableName } = await dynamo.fresh();
    const post = aPost();
    await storage.posts.create(post);
    await storage.comments.create(aComment(post.id));
    const { documents, names: sent } = countCommands(dynamo.documents);
    const read = createDynamoDbStorage({
      documents,
      tableName,
      connectionsTableName: `${tableName}-connections`,
    });

    const calls = async (run: () => unknown) => {
      sent.length = 0;
      await run();
      return [...sent];
    };

    expect(await calls(() => read.posts.find(post.id))).toEqual(['GetItemCommand']);
    expect(await calls(() => read.posts.find(post.id, 'bob'))).toEqual(['TransactGetItemsCommand']);
    expect(await calls(() => read.posts.list({}, { limit: 20 }))).toEqual(['QueryCommand']);
    expect(await calls(() => read.posts.list({ authorId: 'alice' }, { limit: 20 }))).toEqual([
      'QueryCommand',
    ]);
    expect(await calls(() => read.posts.list({ viewerId: 'bob' }, { limit: 20 }))).toEqual([
      'QueryCommand',
      'BatchGetItemCommand',
    ]);
    expect(await calls(() => read.comments.list(post.id, { limit: 20 }))).toEqual(['QueryCommand']);
    expect(await calls(() => read.comments.findWithPost(post.id, 'c'))).toEqual(['TransactGetItemsCommand']);
    expect(sent).not.toContain('ScanCommand');
  });

  it.each([
    ['a key of another list', { pk: 'POST#x', sk: 'COMMENT#y' }],
    ['a key with a number', { pk: 'POST#x', sk: '#POST', gsi1pk: 'POSTS', gsi1sk: 7 }],
    ['a key of another partition', { pk: 'POST#x', sk: '#POST', gsi1pk: 'AUTHOR#a', gsi1sk: 'x' }],
    ['an extra attribute', { pk: 'POST#x', sk: '#POST', gsi1pk: 'POSTS', gsi1sk: 'x', more: 'y' }],
    ['an empty key', {}],
  ])('refuses %s as a posts start key with BadRequestError', async (_name, startKey) => {
    const { storage } = await dynamo.fresh();

    await expect(storage.posts.list({}, { limit: 5, startKey })).rejects.toThrowError(BadRequestError);
  });

  it('refuses start keys of another post or user for comments and favorites', async () => {
    const { storage } = await dynamo.fresh();
    const post = aPost();
    await storage.posts.create(post);
    const otherPost = { pk: 'POST#other', sk: 'COMMENT#1' };
    const otherUser = { pk: `POST#${post.id}`, sk: 'FAV#carol', gsi2pk: 'FAVS#carol', gsi2sk: 'x' };

    await expect(storage.comments.list(post.id, { limit: 5, startKey: otherPost })).rejects.toThrowError(
      BadRequestError,
    );
    await expect(storage.favorites.listByUser('bob', { limit: 5, startKey: otherUser })).rejects.toThrowError(
      BadRequestError,
    );
  });

  it('leaves nothing in a deleted post’s partition once swept, after comments and favorites raced the deletion', async () => {
    const { storage, documents, tableName } = await dynamo.fresh();
    const post = aPost();
    await storage.posts.create(post);

    await Promise.allSettled([
      ...Array.from({ length: 15 }, () => storage.comments.create(aComment(post.id))),
      ...Array.from({ length: 15 }, (_, i) => storage.favorites.add(`user-${i}`, post.id, `${i}`)),
      storage.posts.delete(post.id, 1),
    ]);
    await storage.posts.sweepRemains(post.id);

    const left = await documents.query({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `POST#${post.id}` },
      ConsistentRead: true,
    });
    expect(left.Items).toEqual([]);
  });
});
