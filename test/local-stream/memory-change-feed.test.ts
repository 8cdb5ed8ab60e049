import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { MemoryConnectionStore } from '../../src/adapters/memory/connection.memory-store.js';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import type { StorageChange } from '../../src/domain/changes/storage-change.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import { UnavailableError } from '../../src/domain/shared/errors.js';
import { deliverChangeFeed } from '../../src/local/stream/change-feed-delivery.js';
import { afterWriteDeps } from '../../src/stream/after-write.js';
import { createChangeProcessor } from '../../src/stream/change-processor.js';
import { aComment, aPost } from '../support/storage-fixtures.js';

/** Polls until `check` holds; the deadline only catches a hang. */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not done in time');
    await new Promise((resume) => setTimeout(resume, 10));
  }
}

/**
 * The memory provider has no table stream: its change feed runs the same change processor in this process.
 * The images are a recording stand-in (the memory provider keeps none), failing on demand to show a
 * transient failure is retried.
 */
describe('the memory provider’s change feed', () => {
  it('sweeps a deleted post and copies a rename, retrying a failure that may pass', async () => {
    const storage = createMemoryStorage();
    const errors: unknown[] = [];
    const logger = {
      info: () => {},
      warn: () => {},
      debug: () => {},
      error: (...args: unknown[]) => errors.push(args),
    };
    const discarded: string[] = [];
    let outages = 1;
    const images = {
      discard: async (key: string) => {
        if (outages-- > 0) throw new UnavailableError('the image store is down for a moment');
        discarded.push(key);
      },
    };
    const realtime = new RealtimeService({
      connections: new MemoryConnectionStore(),
      gateway: { send: async () => 'delivered', disconnect: async () => {} },
      posts: storage.posts,
      clock: { now: () => new Date() },
    });
    const feed = storage.changes;
    if (!feed) throw new Error('the memory provider has no change feed');
    const stop = deliverChangeFeed({
      feed,
      process: createChangeProcessor(
        afterWriteDeps({ realtime, storage, images, logger: logger as unknown as Logger }),
      ),
      logger,
      options: { retryBaseDelayMs: 1 },
    });

    const post = aPost({ imageKey: 'images/alice/a.png' });
    await storage.posts.create(post);
    const comment = aComment(post.id, { authorId: 'alice', authorName: 'Alice' });
    await storage.comments.create(comment);
    const elsewhere = aPost({ id: `${post.id}X` });
    await storage.posts.create(elsewhere);
    const theirs = aComment(elsewhere.id, { authorId: 'bob', authorName: 'Bob' });
    await storage.comments.create(theirs);
    await storage.profiles.getOrCreate({
      id: 'bob',
      displayName: 'Bob',
      createdAt: new Date().toISOString(),
    });

    await storage.posts.delete(post.id, 1);
    await storage.profiles.rename('bob', 'Robert');

    await until(async () => discarded.length === 1);
    expect(discarded).toEqual(['images/alice/a.png']);
    expect((await storage.comments.findWithPost(post.id, comment.id)).comment).toBeNull();
    await until(
      async () =>
        (await storage.comments.findWithPost(elsewhere.id, theirs.id)).comment?.authorName === 'Robert',
    );
    expect(errors).toEqual([]);
    await stop();
  });
  it('reports each comment a sweep removes, as DynamoDB’s stream does, so both reach the same processor', async () => {
    const storage = createMemoryStorage();
    const feed = storage.changes;
    if (!feed) throw new Error('the memory provider has no change feed');
    const post = aPost();
    await storage.posts.create(post);
    const comments = [aComment(post.id), aComment(post.id)];
    for (const comment of comments) await storage.comments.create(comment);
    await storage.posts.delete(post.id, 1);
    const seen: StorageChange[] = [];
    const unsubscribe = feed.subscribe((change) => seen.push(change));

    await storage.posts.sweepRemains(post.id);

    unsubscribe();
    expect(seen).toEqual(
      comments.map((comment) => ({ type: 'comment.deleted', postId: post.id, commentId: comment.id })),
    );
  });
});
