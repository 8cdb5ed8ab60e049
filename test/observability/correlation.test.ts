import type { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { commentItem, toComment } from '../../src/adapters/dynamodb/item-mappers.js';
import { MemoryConnectionStore } from '../../src/adapters/memory/connection.memory-store.js';
import type { Comment } from '../../src/domain/comments/comment.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import type { HttpEnv } from '../../src/http/http-env.js';
import { requestId } from '../../src/http/middleware/request-id.js';
import { correlationId, withCorrelationId } from '../../src/observability/correlation.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { dynamoStreamRecord } from '../support/aws-events.js';

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
  it('is the request id for everything that runs beneath the request', async () => {
    const app = new Hono<HttpEnv>();
    app.use(requestId());
    app.get('/', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return c.text(correlationId() ?? 'none');
    });
    const response = await app.request('/', { headers: { 'x-request-id': 'trace-abc' } });
    expect(await response.text()).toBe('trace-abc');
    expect(correlationId()).toBeUndefined();
  });

  it('is stamped on comment items written during a request, and never leaks into the comment', () => {
    expect(commentItem(comment).correlationId).toBeUndefined();
    const item = withCorrelationId('trace-abc', () => commentItem(comment));
    expect(item.correlationId).toBe('trace-abc');
    expect(toComment(item)).toEqual(comment);
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
    const record = withCorrelationId('trace-abc', () => dynamoStreamRecord('INSERT', commentItem(comment)));
    const handler = createCommentStreamHandler({ realtime, logger });
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [] });
    expect(info).toHaveBeenCalledWith(
      'fan-out',
      expect.objectContaining({ correlationId: 'trace-abc', event: 'comment.created' }),
    );
  });
});
