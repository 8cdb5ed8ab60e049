import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { commentItem } from '../../src/adapters/dynamodb/item-mappers.js';
import { MemoryConnectionStore } from '../../src/adapters/memory/connection.memory-store.js';
import type { Comment } from '../../src/domain/comments/comment.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import { UnavailableError } from '../../src/domain/shared/errors.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { dynamoStreamRecord } from '../support/aws-events.js';

const comment = (id: string): Comment => ({
  id,
  postId: 'post-1',
  authorId: 'alice',
  authorName: 'Alice',
  body: `comment ${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A comment INSERT as DynamoDB writes it, with `change` applied to its new image. */
function insert(id: string, change: (image: Record<string, unknown>) => void = () => {}): DynamoDBRecord {
  const record = dynamoStreamRecord('INSERT', commentItem(comment(id)));
  change(record.dynamodb?.NewImage as Record<string, unknown>);
  return record;
}

/** The broadcaster over a subscriber of post-1, recording what it pushes and logs. */
async function broadcaster(connections = new MemoryConnectionStore()) {
  const pushed: string[] = [];
  const errors: { message: string; details: Record<string, unknown> }[] = [];
  // A logger that keeps its lines (so a passing run prints nothing); only error lines matter here.
  const logger = {
    info: () => {},
    warn: () => {},
    debug: () => {},
    error: (message: string, details: Record<string, unknown>) => errors.push({ message, details }),
  } as unknown as Logger;
  const realtime = new RealtimeService({
    connections,
    gateway: {
      send: async (_id, message) => {
        pushed.push((JSON.parse(message) as { comment: Comment }).comment.id);
        return 'delivered';
      },
      disconnect: async () => {},
    },
    posts: { find: async () => null },
    clock: { now: () => new Date() },
  });
  await connections.save({
    connectionId: 'c1',
    userId: null,
    connectedAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });
  await connections.subscribe('c1', 'post-1', Math.floor(Date.now() / 1000) + 3600);
  return { handler: createCommentStreamHandler({ realtime, logger }), pushed, errors };
}

describe('the broadcaster with records that can never be processed', () => {
  it('reads a record holding a number JavaScript cannot hold, instead of failing the batch on it', async () => {
    const { handler, pushed, errors } = await broadcaster();
    // A legal DynamoDB number (38 digits allowed) that unmarshall refuses as a JavaScript number.
    const huge = insert('c-huge', (image) => {
      image.score = { N: '12345678901234567890.5' };
    });
    const result = await handler({ Records: [insert('c-1'), huge, insert('c-2')] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(pushed).toEqual(['c-1', 'c-huge', 'c-2']);
    expect(errors).toEqual([]);
  });

  it('parks a comment image missing its fields, logging the whole record, without asking for a retry', async () => {
    const { handler, pushed, errors } = await broadcaster();
    const broken = insert('c-broken', (image) => {
      delete image.body;
      image.authorName = { N: '1e400' };
    });
    const result = await handler({ Records: [broken, insert('c-3')] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(pushed).toEqual(['c-3']);
    expect(errors).toEqual([
      {
        message: expect.stringMatching(/parked/),
        details: expect.objectContaining({
          reason: 'undecodable',
          sequenceNumber: broken.dynamodb?.SequenceNumber,
          record: broken,
        }),
      },
    ]);
  });

  it('still reports a transient failure, so Lambda retries from that record and keeps order', async () => {
    const connections = new MemoryConnectionStore();
    const { handler, pushed } = await broadcaster(connections);
    let unavailable = true;
    const subscribersOf = connections.subscribersOf.bind(connections);
    connections.subscribersOf = async (postId) => {
      if (unavailable) throw new UnavailableError('storage is not answering');
      return subscribersOf(postId);
    };
    const records = [insert('c-4'), insert('c-5')];
    const first = await handler({ Records: records });
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }] });
    expect(pushed).toEqual([]);
    unavailable = false;
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(pushed).toEqual(['c-4', 'c-5']);
  });
});
