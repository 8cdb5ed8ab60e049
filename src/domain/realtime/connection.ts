/** A WebSocket connection as the realtime feature knows it. */
export interface Connection {
  connectionId: string;
  /** The verified token's subject, or null for an anonymous reader. */
  userId: string | null;
  connectedAt: string;
  /** Epoch seconds after which the record may be dropped (DynamoDB TTL); refreshed by activity. */
  expiresAt: number;
}

/** API Gateway closes a WebSocket after 2 hours at most; records outlive that by a margin, then expire. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;
/** Bounds a subscribe flood: a reader follows a handful of posts, never thousands. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
