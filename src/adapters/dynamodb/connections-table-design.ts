import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  GSI1,
  type ItemKey,
  stringAttribute,
  stringIndex,
  TABLE_KEY_SCHEMA,
  TTL_ATTRIBUTE,
} from './table-design.js';

/**
 * WebSocket connections live in a table of their own: connects, subscribes and disconnects churn all day,
 * and the main table's stream (which drives comment delivery) should carry none of it.
 *
 * | item         | pk           | sk            | gsi1pk / gsi1sk               | other           |
 * |--------------|--------------|---------------|-------------------------------|-----------------|
 * | connection   | CONN#<id>    | #CONN         | CONNS / <connectionId>        | userId, connectedAt, ttl |
 * | subscription | CONN#<id>    | SUB#<postId>  | SUBS#<postId> / <connectionId> | ttl            |
 *
 * A connection and its subscriptions share a partition, so a disconnect is one Query and a batch delete;
 * gsi1 answers "who follows this post" and "who is connected" with a Query, never a Scan.
 */
export const CONNECTIONS_INDEX = GSI1;
export const CONNECTION_SK = '#CONN';
export const SUBSCRIPTION_PREFIX = 'SUB#';
export const ALL_CONNECTIONS = 'CONNS';

export const connectionPk = (connectionId: string) => `CONN#${connectionId}`;
export const connectionKey = (connectionId: string): ItemKey => ({
  pk: connectionPk(connectionId),
  sk: CONNECTION_SK,
});
export const subscriptionKey = (connectionId: string, postId: string): ItemKey => ({
  pk: connectionPk(connectionId),
  sk: `${SUBSCRIPTION_PREFIX}${postId}`,
});
export const subscribersPartition = (postId: string) => `SUBS#${postId}`;

/** The connections table, as the local stack and tests create it; the SAM template declares the same. */
export function connectionsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [...TABLE_KEY_SCHEMA],
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map(stringAttribute),
    // The keys carry the connection id; `ttl` rides along because a query on an index can only filter on
    // what the index holds, and expired items must be skipped until DynamoDB's TTL gets round to them.
    GlobalSecondaryIndexes: [
      stringIndex(CONNECTIONS_INDEX, { ProjectionType: 'INCLUDE', NonKeyAttributes: [TTL_ATTRIBUTE] }),
    ],
  };
}
