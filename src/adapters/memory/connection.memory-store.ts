import { type Connection, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../domain/realtime/connection.js';
import type { ConnectionStore } from '../../domain/realtime/connection.store.js';
import { type Clock, systemClock } from '../../domain/shared/clock.js';
import { copy } from './memory-state.js';

/**
 * The dynamodb connection store's behaviour in one process: the same limit, the same 'unknown_connection',
 * and expired records ignored. Like DynamoDB's TTL, expiry drops each record on its own: a connection's
 * subscriptions outlive its record until their own expiry (or a `remove`).
 */
export class MemoryConnectionStore implements ConnectionStore {
  private readonly connections = new Map<string, Connection>();
  /** connectionId → (postId → expiresAt): the partition a connection shares with its subscriptions. */
  private readonly subscriptions = new Map<string, Map<string, number>>();
  /** postId → connectionIds: the twin of gsi1, so a post's subscribers are found without walking everyone. */
  private readonly subscribers = new Map<string, Set<string>>();
  private readonly clock: Clock;

  constructor({ clock = systemClock }: { clock?: Clock } = {}) {
    this.clock = clock;
  }

  async save(connection: Connection): Promise<void> {
    this.connections.set(connection.connectionId, copy(connection));
  }

  async get(connectionId: string): Promise<Connection | null> {
    const connection = this.liveConnection(connectionId);
    return connection ? copy(connection) : null;
  }

  async remove(connectionId: string): Promise<void> {
    this.connections.delete(connectionId);
    for (const postId of [...(this.subscriptions.get(connectionId)?.keys() ?? [])]) {
      this.dropSubscription(connectionId, postId);
    }
  }

  async subscribe(
    connectionId: string,
    postId: string,
    expiresAt: number,
  ): Promise<'subscribed' | 'unknown_connection' | 'limit'> {
    if (!this.liveConnection(connectionId)) return 'unknown_connection';
    const posts = this.subscriptions.get(connectionId) ?? new Map<string, number>();
    const now = this.nowSeconds();
    const alreadyLive = (posts.get(postId) ?? -1) >= now;
    const live = [...posts.values()].filter((expiry) => expiry >= now).length;
    if (!alreadyLive && live >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return 'limit';
    posts.set(postId, expiresAt);
    this.subscriptions.set(connectionId, posts);
    const followers = this.subscribers.get(postId) ?? new Set<string>();
    followers.add(connectionId);
    this.subscribers.set(postId, followers);
    return 'subscribed';
  }

  async unsubscribe(connectionId: string, postId: string): Promise<void> {
    this.dropSubscription(connectionId, postId);
  }

  /** Sorted by connection id, as gsi1 returns them. */
  async subscribersOf(postId: string): Promise<string[]> {
    const now = this.nowSeconds();
    const live: string[] = [];
    for (const connectionId of this.subscribers.get(postId) ?? []) {
      const expiry = this.subscriptions.get(connectionId)?.get(postId) ?? -1;
      if (expiry >= now) live.push(connectionId);
      else this.dropSubscription(connectionId, postId);
    }
    return live.sort();
  }

  async allConnections(): Promise<string[]> {
    return [...this.connections.keys()].filter((id) => this.liveConnection(id)).sort();
  }

  /** The connection unless it has expired; an expired record met here is dropped, as TTL would. */
  private liveConnection(connectionId: string): Connection | null {
    const connection = this.connections.get(connectionId);
    if (!connection) return null;
    if (connection.expiresAt >= this.nowSeconds()) return connection;
    this.connections.delete(connectionId);
    return null;
  }

  private dropSubscription(connectionId: string, postId: string): void {
    const posts = this.subscriptions.get(connectionId);
    posts?.delete(postId);
    if (posts?.size === 0) this.subscriptions.delete(connectionId);
    const followers = this.subscribers.get(postId);
    followers?.delete(connectionId);
    if (followers?.size === 0) this.subscribers.delete(postId);
  }

  /** Expiries are epoch seconds, as DynamoDB's TTL has them. */
  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
