import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushGateway } from '../../src/domain/realtime/push.gateway.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import {
  connectionStoreProviders,
  type OpenConnectionStores,
} from '../support/connection-store-providers.js';
import { manualClock } from '../support/domain-kit.js';

const HOUR = 3_600;

/** A realtime service on a fresh store, a gateway that keeps what it sends, and posts the test says exist. */
async function setUp(open: OpenConnectionStores | undefined) {
  if (!open) throw new Error('the connection store did not start');
  const clock = manualClock();
  const fresh = await open.fresh(clock);
  const sent: { connectionId: string; frame: unknown }[] = [];
  const gateway: PushGateway = {
    send: async (connectionId, data) => {
      sent.push({ connectionId, frame: JSON.parse(data) });
      return 'delivered';
    },
    disconnect: async () => {},
  };
  const posts = new Set<string>();
  const realtime = new RealtimeService({
    connections: fresh.store,
    gateway,
    posts: { find: async (id: string) => (posts.has(id) ? ({} as never) : null) },
    clock,
  });
  const expiresAt = Math.floor(clock.now().getTime() / 1000) + HOUR;
  return { ...fresh, realtime, sent, posts, expiresAt };
}

describe.each(connectionStoreProviders)('a deleted post’s readers ($name connection store)', (provider) => {
  let open: OpenConnectionStores | undefined;
  beforeAll(async () => {
    open = await provider.open();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('are told once, and their subscriptions to it, and only to it, end', async () => {
    const { store, realtime, sent, seedSubscribers, expiresAt } = await setUp(open);
    await seedSubscribers('gone', ['c1', 'c2'], expiresAt);
    await store.subscribe('c1', 'kept', expiresAt);

    const result = await realtime.postDeleted('gone');

    expect(result).toEqual({ delivered: 2, stale: 0, failed: 0 });
    expect(sent).toEqual([
      { connectionId: 'c1', frame: { type: 'post.deleted', postId: 'gone' } },
      { connectionId: 'c2', frame: { type: 'post.deleted', postId: 'gone' } },
    ]);
    expect(await store.subscribersOf('gone')).toEqual([]);
    expect(await store.subscribersOf('kept')).toEqual(['c1']);
  });

  it('get nothing for a comment swept with the post, and readers still named are let go', async () => {
    // As when gsi1 still names readers a moment after their subscriptions were deleted, or one subscribed
    // as the post was being deleted: the comment's removal finds them, but its post is gone.
    const { store, realtime, sent, seedSubscribers, expiresAt } = await setUp(open);
    await seedSubscribers('gone', ['c1'], expiresAt);

    const result = await realtime.publish({ type: 'comment.deleted', postId: 'gone', commentId: 'k1' });

    expect(result).toEqual({ delivered: 0, stale: 0, failed: 0 });
    expect(sent).toEqual([]);
    expect(await store.subscribersOf('gone')).toEqual([]);
  });

  it('still get a comment deleted on its own while the post is there', async () => {
    const { realtime, sent, seedSubscribers, expiresAt, posts } = await setUp(open);
    posts.add('live');
    await seedSubscribers('live', ['c1'], expiresAt);

    await realtime.publish({ type: 'comment.deleted', postId: 'live', commentId: 'k1' });

    expect(sent).toEqual([
      { connectionId: 'c1', frame: { type: 'comment.deleted', postId: 'live', commentId: 'k1' } },
    ]);
  });
});
