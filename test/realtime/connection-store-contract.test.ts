import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../src/domain/realtime/connection.js';
import {
  connectionStoreProviders,
  dynamoDbConnections,
  type FreshConnectionStore,
  type OpenConnectionStores,
  TEST_PAGE_SIZE,
} from '../support/connection-store-providers.js';
import { manualClock } from '../support/domain-kit.js';

const HOUR = 3_600;

/** A fresh store on a clock the test moves, and helpers that read in epoch seconds as the port does. */
async function setUp(open: OpenConnectionStores | undefined) {
  if (!open) throw new Error('the connection store did not start');
  const clock = manualClock();
  const fresh: FreshConnectionStore = await open.fresh(clock);
  const now = () => Math.floor(clock.now().getTime() / 1000);
  const connect = async (connectionId: string, userId: string | null = null, ttl = 2 * HOUR) => {
    const connection: Connection = {
      connectionId,
      userId,
      connectedAt: clock.now().toISOString(),
      expiresAt: now() + ttl,
    };
    await fresh.store.save(connection);
    return connection;
  };
  return { ...fresh, clock, now, connect };
}

/** Ids `prefix-0000`, `prefix-0001`...: sorted as they are made. */
const idsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

/**
 * What every connection store promises the realtime feature. The same tests run on each, so `memory` and
 * `dynamodb` cannot drift apart.
 */
describe.each(connectionStoreProviders)('$name connection store', (provider) => {
  let open: OpenConnectionStores | undefined;
  beforeAll(async () => {
    open = await provider.open();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('saves, gets and removes a connection', async () => {
    const { store, connect } = await setUp(open);
    const reader = await connect('c-reader', 'alice');
    const anonymous = await connect('c-anon');

    expect(await store.get('c-reader')).toEqual(reader);
    expect(await store.get('c-anon')).toEqual(anonymous);
    expect(await store.get('c-missing')).toBeNull();

    await store.remove('c-reader');

    expect(await store.get('c-reader')).toBeNull();
    expect(await store.allConnections()).toEqual(['c-anon']);
  });

  it('removes a connection’s subscriptions with it', async () => {
    const { store, connect, now } = await setUp(open);
    await connect('c1');
    await connect('c2');
    await store.subscribe('c1', 'post-a', now() + HOUR);
    await store.subscribe('c1', 'post-b', now() + HOUR);
    await store.subscribe('c2', 'post-a', now() + HOUR);

    await store.remove('c1');

    expect(await store.subscribersOf('post-a')).toEqual(['c2']);
    expect(await store.subscribersOf('post-b')).toEqual([]);
    await expect(store.remove('c1')).resolves.toBeUndefined();
  });

  it('keeps one subscription however often a connection subscribes', async () => {
    const { store, connect, now } = await setUp(open);
    await connect('c1');

    expect(await store.subscribe('c1', 'post-a', now() + HOUR)).toBe('subscribed');
    expect(await store.subscribe('c1', 'post-a', now() + HOUR)).toBe('subscribed');

    expect(await store.subscribersOf('post-a')).toEqual(['c1']);
  });

  it('refuses to subscribe a connection it has no record of', async () => {
    const { store, now } = await setUp(open);

    expect(await store.subscribe('c-unknown', 'post-a', now() + HOUR)).toBe('unknown_connection');

    expect(await store.subscribersOf('post-a')).toEqual([]);
  });

  it(`stops a connection at ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions, and lets it re-subscribe or swap`, async () => {
    const { store, connect, now } = await setUp(open);
    await connect('c1');
    await connect('c2');
    const expiresAt = now() + HOUR;
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
      expect(await store.subscribe('c1', `post-${i}`, expiresAt)).toBe('subscribed');
    }

    expect(await store.subscribe('c1', 'post-one-too-many', expiresAt)).toBe('limit');
    expect(await store.subscribe('c1', 'post-0', expiresAt)).toBe('subscribed');
    expect(await store.subscribe('c2', 'post-one-too-many', expiresAt)).toBe('subscribed');
    await store.unsubscribe('c1', 'post-0');
    expect(await store.subscribe('c1', 'post-one-too-many', expiresAt)).toBe('subscribed');

    expect(await store.subscribersOf('post-one-too-many')).toEqual(['c1', 'c2']);
    expect(await store.subscribersOf('post-0')).toEqual([]);
  });

  it('unsubscribes from one post only, and ignores an unsubscribe of nothing', async () => {
    const { store, connect, now } = await setUp(open);
    await connect('c1');
    await store.subscribe('c1', 'post-a', now() + HOUR);
    await store.subscribe('c1', 'post-b', now() + HOUR);

    await store.unsubscribe('c1', 'post-a');
    await store.unsubscribe('c1', 'post-never');
    await store.unsubscribe('c-unknown', 'post-a');

    expect(await store.subscribersOf('post-a')).toEqual([]);
    expect(await store.subscribersOf('post-b')).toEqual(['c1']);
  });

  it('lists exactly a post’s subscribers, across many pages', async () => {
    const { store, seedSubscribers, connect, now } = await setUp(open);
    const expiresAt = now() + HOUR;
    const followers = idsOf('reader', 1_200);
    await seedSubscribers('post-popular', followers.slice(0, -20), expiresAt);
    // The last few through the port itself, racing, as readers arrive.
    await Promise.all(
      followers.slice(-20).map(async (connectionId) => {
        await connect(connectionId);
        expect(await store.subscribe(connectionId, 'post-popular', expiresAt)).toBe('subscribed');
      }),
    );
    await connect('c-elsewhere');
    await store.subscribe('c-elsewhere', 'post-other', expiresAt);
    await connect('c-idle');

    const subscribers = await store.subscribersOf('post-popular');

    expect(subscribers.length).toBe(1_200);
    expect([...subscribers].sort()).toEqual(followers);
    expect(await store.subscribersOf('post-other')).toEqual(['c-elsewhere']);
    expect(await store.subscribersOf('post-nobody-reads')).toEqual([]);
  });

  it('lists every live connection, subscribed or not', async () => {
    const { store, connect, now } = await setUp(open);
    await connect('c1', 'alice');
    await connect('c2');
    await connect('c3');
    await store.subscribe('c2', 'post-a', now() + HOUR);
    await store.remove('c3');

    expect([...(await store.allConnections())].sort()).toEqual(['c1', 'c2']);
  });

  it('ignores connections and subscriptions whose expiry has passed', async () => {
    const { store, connect, clock, now } = await setUp(open);
    await connect('c-short', null, 10 * 60);
    await connect('c-long', null, 2 * HOUR);
    await store.subscribe('c-short', 'post-a', now() + 5 * 60);
    await store.subscribe('c-long', 'post-a', now() + HOUR);

    clock.advance(6 * 60 * 1000);

    expect(await store.subscribersOf('post-a')).toEqual(['c-long']);
    expect(await store.get('c-short')).not.toBeNull();

    clock.advance(5 * 60 * 1000);

    expect(await store.get('c-short')).toBeNull();
    expect(await store.allConnections()).toEqual(['c-long']);
    expect(await store.subscribe('c-short', 'post-b', now() + HOUR)).toBe('unknown_connection');
  });

  it('counts only live subscriptions towards the limit', async () => {
    const { store, connect, clock, now } = await setUp(open);
    await connect('c1');
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
      await store.subscribe('c1', `post-${i}`, now() + 60);
    }

    clock.advance(2 * 60 * 1000);

    expect(await store.subscribe('c1', 'post-new', now() + HOUR)).toBe('subscribed');
  });
});

/** How the dynamodb store talks to DynamoDB: every read is a Query on a key, never a Scan. */
describe('dynamodb connection store calls', () => {
  let open: OpenConnectionStores | undefined;
  beforeAll(async () => {
    open = await dynamoDbConnections.open();
  });
  afterAll(async () => {
    await open?.close();
  });

  it('finds a small post’s subscribers with one Query', async () => {
    const { store, connect, now, commands = [] } = await setUp(open);
    await connect('c1');
    await store.subscribe('c1', 'post-a', now() + HOUR);
    commands.length = 0;

    expect(await store.subscribersOf('post-a')).toEqual(['c1']);

    expect(commands).toEqual(['QueryCommand']);
  });

  it('follows every page of a popular post’s subscribers', async () => {
    const { store, seedSubscribers, now, commands = [] } = await setUp(open);
    await seedSubscribers('post-popular', idsOf('reader', 3 * TEST_PAGE_SIZE + 10), now() + HOUR);
    commands.length = 0;

    expect((await store.subscribersOf('post-popular')).length).toBe(3 * TEST_PAGE_SIZE + 10);

    expect(commands).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand', 'QueryCommand']);
  });

  it('subscribes with a count and one transaction, and removes with a Query and a batch', async () => {
    const { store, connect, now, commands = [] } = await setUp(open);
    await connect('c1');
    commands.length = 0;

    await store.subscribe('c1', 'post-a', now() + HOUR);
    const subscribe = commands.splice(0);
    await store.allConnections();
    const all = commands.splice(0);
    await store.remove('c1');
    const remove = commands.splice(0);

    expect(subscribe).toEqual(['QueryCommand', 'TransactWriteItemsCommand']);
    expect(all).toEqual(['QueryCommand']);
    expect(remove).toEqual(['QueryCommand', 'BatchWriteItemCommand']);
  });
});
