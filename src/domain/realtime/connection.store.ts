import type { Connection } from './connection.js';

/** Connections and their subscriptions to posts. */
export interface ConnectionStore {
  save(connection: Connection): Promise<void>;
  get(connectionId: string): Promise<Connection | null>;
  /** Forgets the connection and every subscription it had. */
  remove(connectionId: string): Promise<void>;
  /**
   * Subscribes the connection to the post. Returns 'unknown_connection' when the connection has no record,
   * 'limit' when it already follows MAX_SUBSCRIPTIONS_PER_CONNECTION posts; subscribing twice is a no-op.
   */
  subscribe(
    connectionId: string,
    postId: string,
    expiresAt: number,
  ): Promise<'subscribed' | 'unknown_connection' | 'limit'>;
  unsubscribe(connectionId: string, postId: string): Promise<void>;
  /** Every connection subscribed to the post: an index query, never a scan. */
  subscribersOf(postId: string): Promise<string[]>;
  /** Every live connection, for system broadcasts without a post. */
  allConnections(): Promise<string[]>;
}
