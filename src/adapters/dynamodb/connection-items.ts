import type { Connection } from '../../domain/realtime/connection.js';
import {
  ALL_CONNECTIONS,
  connectionKey,
  subscribersPartition,
  subscriptionKey,
} from './connections-table-design.js';
import type { Item } from './paging.js';
import { TTL_ATTRIBUTE } from './table-design.js';

/** A connection as its item: listed under `CONNS` in gsi1 for broadcasts to everyone. */
export function connectionItem(connection: Connection): Item {
  return {
    ...connectionKey(connection.connectionId),
    userId: connection.userId,
    connectedAt: connection.connectedAt,
    [TTL_ATTRIBUTE]: connection.expiresAt,
    gsi1pk: ALL_CONNECTIONS,
    gsi1sk: connection.connectionId,
  };
}

export function toConnection(connectionId: string, item: Item): Connection {
  return {
    connectionId,
    userId: (item.userId as string | null | undefined) ?? null,
    connectedAt: item.connectedAt as string,
    expiresAt: item[TTL_ATTRIBUTE] as number,
  };
}

/** A subscription as its item: in its connection's partition, and under the post's partition in gsi1. */
export function subscriptionItem(connectionId: string, postId: string, expiresAt: number): Item {
  return {
    ...subscriptionKey(connectionId, postId),
    [TTL_ATTRIBUTE]: expiresAt,
    gsi1pk: subscribersPartition(postId),
    gsi1sk: connectionId,
  };
}
