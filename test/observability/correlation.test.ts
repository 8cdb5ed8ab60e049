import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commentItem, toComment } from '../../src/adapters/dynamodb/item-mappers.js';
import { commentKey } from '../../src/adapters/dynamodb/table-design.js';
import { MemoryConnectionStore } from '../../src/adapters/memory/connection.memory-store.js';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import type { Comment } from '../../src/domain/comments/comment.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import { createApp } from '../../src/http/app.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { dynamoStreamRecord } from '../support/aws-events.js';
import { openDynamoDb } from '../support/storage-providers.js';

const comment: Comment = {
  id: '01JCZ3K8QV6W2Y5X9T7R4M0N1P',
  postId: '01JCZ3K8QV6W2Y5X9T7R4M0N1Q',
  authorId: 'alice',
  authorName: 'Alice',
  body: 'hello',
  createdAt: '2026-11-23T10:00:00.000Z',
};

/** The request id travels from the HTTP request, on the stored comment, through the stream, to the push log. */
describe('correlation id', () => {
  let dynamo: Awaited<ReturnType<typeof openDynamoDb>>;
  let dir: string;
  beforeAll(async () => {
    dynamo = await openDynamoDb();
    dir = await mkdtemp(join(tmpdir(), 'blogapp-correlation-'));
  });
  afterAll(async () => {
    dynamo.destroy();
    await dynamo.db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is stamped on the comment item a request writes, from that request’s x-request-id', async () => {
    // Prepare: the API app on DynamoDB (dynalite), a signed-in author and a post.
    const { storage, documents, tableName } = await dynamo.fresh();
    const config = loadConfig({ APP_REPOSITORY_PROVIDER: 'memory', APP_DATA_DIR: dir, LOG_LEVEL: 'ERROR' });
    const app = createApp(await composeApi(config, { storage }));
    const json = { 'content-type': 'application/json' };
    const call = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      (
        await app.request(path, {
          method: 'POST',
          headers: { ...json, ...headers },
          body: JSON.stringify(body),
        })
      ).json() as Promise<Record<string, string>>;
    const { token } = await call('/api/dev/token', { userId: 'alice', name: 'Alice' });
    const auth = { authorization: `Bearer ${token}` };
    const post = await call('/api/posts', { title: 't', body: 'b' }, auth);
    // Act: two comments, one naming its request and one not.
    const named = await call(
      `/api/posts/${post.id}/comments`,
      { body: 'named' },
      { ...auth, 'x-request-id': 'trace-abc' },
    );
    const minted = await call(`/api/posts/${post.id}/comments`, { body: 'minted' }, auth);
    // Assess: each stored item carries its own request's id, which never leaks into the comment.
    const stored = async (id = '') =>
      (await documents.get({ TableName: tableName, Key: commentKey(post.id ?? '', id) })).Item ?? {};
    const namedItem = await stored(named.id);
    expect(namedItem.correlationId).toBe('trace-abc');
    expect(toComment(namedItem)).toEqual(named);
    expect((await stored(minted.id)).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is left off a comment item written outside a request', () => {
    expect(commentItem(comment).correlationId).toBeUndefined();
    expect(toComment(commentItem(comment, 'trace-abc'))).toEqual(comment);
  });

  it('names the request in the broadcaster’s fan-out log line', async () => {
    const info = vi.fn();
    const logger = { info, error: vi.fn(), warn: vi.fn(), debug: vi.fn() } as unknown as Logger;
    const realtime = new RealtimeService({
      connections: new MemoryConnectionStore(),
      gateway: { send: async () => 'delivered', disconnect: async () => {} },
      posts: { find: async () => null },
      clock: { now: () => new Date() },
    });
    const record = dynamoStreamRecord('INSERT', commentItem(comment, 'trace-abc'));
    const handler = createCommentStreamHandler({ realtime, logger });
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [] });
    expect(info).toHaveBeenCalledWith(
      'fan-out',
      expect.objectContaining({ correlationId: 'trace-abc', event: 'comment.created' }),
    );
  });
});
