import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Connection, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../domain/realtime/connection.js';
import type { ConnectionStore } from '../../domain/realtime/connection.store.js';
import { type Clock, systemClock } from '../../domain/shared/clock.js';
import { deletePartition } from './batch.js';
import { connectionItem, subscriptionItem, toConnection } from './connection-items.js';
import {
  ALL_CONNECTIONS,
  CONNECTIONS_INDEX,
  connectionKey,
  connectionPk,
  SUBSCRIPTION_PREFIX,
  subscribersPartition,
  subscriptionKey,
} from './connections-table-design.js';
import type { DynamoDbDocuments } from './documents.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { guarded } from './errors.js';
import type { Item } from './paging.js';
import { TTL_ATTRIBUTE } from './table-design.js';
import { isRefused, transactWrite } from './transactions.js';

export interface DynamoDbConnectionStoreOptions extends DynamoDbTable {
  /** Decides which records have expired; the system clock unless told. */
  clock?: Clock;
  /**
   * Items per Query page. Unset, DynamoDB fills its 1 MB page, which holds thousands of these small
   * items; tests lower it to prove that every page is followed.
   */
  pageSize?: number;
}

/** `ttl` is a DynamoDB reserved word, so expressions name it through `#ttl`. */
const LIVE = '#ttl >= :now';
const TTL_NAME = { '#ttl': TTL_ATTRIBUTE };

/**
 * Connections and subscriptions in the connections table (see `connections-table-design.ts`). DynamoDB's
 * TTL deletes expired items lazily (often days later), so every read also skips them by their `ttl`.
 */
export class DynamoDbConnectionStore implements ConnectionStore {
  private readonly documents: DynamoDbDocuments;
  private readonly tableName: string;
  private readonly clock: Clock;
  private readonly pageSize: number | undefined;

  constructor({ documents, tableName, clock = systemClock, pageSize }: DynamoDbConnectionStoreOptions) {
    this.documents = documents;
    this.tableName = tableName;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  async save(connection: Connection): Promise<void> {
    await guarded(() => this.documents.put({ TableName: this.tableName, Item: connectionItem(connection) }));
  }

  async get(connectionId: string): Promise<Connection | null> {
    const { Item } = await guarded(() =>
      this.documents.get({
        TableName: this.tableName,
        Key: connectionKey(connectionId),
        ConsistentRead: true,
      }),
    );
    return Item && this.isLive(Item) ? toConnection(connectionId, Item) : null;
  }

  /** The connection and its subscriptions share a partition: one Query finds them all, batches delete them. */
  remove(connectionId: string): Promise<void> {
    return deletePartition(this.documents, this.tableName, connectionPk(connectionId));
  }

  /**
   * Counts first, then writes the subscription in one transaction with a check that the connection is live.
   * Two subscribes racing at 49 can both pass the count and leave 51: the limit bounds a flood, it is no
   * quota, and a strict count would need a counter item written on every subscribe and unsubscribe.
   */
  async subscribe(
    connectionId: string,
    postId: string,
    expiresAt: number,
  ): Promise<'subscribed' | 'unknown_connection' | 'limit'> {
    const now = this.nowSeconds();
    const atLimit = (await this.countSubscriptions(connectionId, now)) >= MAX_SUBSCRIPTIONS_PER_CONNECTION;
    const live = {
      ConditionExpression: `attribute_exists(pk) AND ${LIVE}`,
      ExpressionAttributeNames: TTL_NAME,
    };
    const refusals = await transactWrite(this.documents, [
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: connectionKey(connectionId),
          ...live,
          ExpressionAttributeValues: { ':now': now },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: subscriptionItem(connectionId, postId, expiresAt),
          // At the limit only a subscription that already exists may be written (a refresh of its expiry),
          // so subscribing twice stays a no-op even then.
          ...(atLimit ? { ...live, ExpressionAttributeValues: { ':now': now } } : {}),
        },
      },
    ]);
    if (!refusals) return 'subscribed';
    return isRefused(refusals, 0) ? 'unknown_connection' : 'limit';
  }

  async unsubscribe(connectionId: string, postId: string): Promise<void> {
    await guarded(() =>
      this.documents.delete({ TableName: this.tableName, Key: subscriptionKey(connectionId, postId) }),
    );
  }

  /**
   * Reads gsi1, which is eventually consistent: a subscribe or unsubscribe a moment old (well under a second
   * in AWS) may not show yet.
   */
  subscribersOf(postId: string): Promise<string[]> {
    return this.connectionIdsIn(subscribersPartition(postId));
  }

  allConnections(): Promise<string[]> {
    return this.connectionIdsIn(ALL_CONNECTIONS);
  }

  /** The live connection ids under one gsi1 partition, following every page. */
  private async connectionIdsIn(partition: string): Promise<string[]> {
    const ids: string[] = [];
    await this.eachPage(
      {
        IndexName: CONNECTIONS_INDEX,
        KeyConditionExpression: 'gsi1pk = :partition',
        FilterExpression: LIVE,
        ProjectionExpression: 'gsi1sk',
        ExpressionAttributeNames: TTL_NAME,
        ExpressionAttributeValues: { ':partition': partition, ':now': this.nowSeconds() },
      },
      (output) => {
        for (const item of output.Items ?? []) ids.push(item.gsi1sk as string);
      },
    );
    return ids;
  }

  private async countSubscriptions(connectionId: string, now: number): Promise<number> {
    let count = 0;
    await this.eachPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: LIVE,
        ExpressionAttributeNames: TTL_NAME,
        ExpressionAttributeValues: {
          ':pk': connectionPk(connectionId),
          ':prefix': SUBSCRIPTION_PREFIX,
          ':now': now,
        },
        Select: 'COUNT',
        ConsistentRead: true,
      },
      (output) => {
        count += output.Count ?? 0;
      },
    );
    return count;
  }

  private async eachPage(
    input: Omit<QueryCommandInput, 'TableName'>,
    onPage: (output: { Items?: Item[]; Count?: number }) => void,
  ): Promise<void> {
    let startKey: Item | undefined;
    do {
      const output = await guarded(() =>
        this.documents.query({
          ...input,
          TableName: this.tableName,
          ...(this.pageSize ? { Limit: this.pageSize } : {}),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      onPage(output);
      startKey = output.LastEvaluatedKey;
    } while (startKey);
  }

  private isLive(item: Item): boolean {
    return typeof item[TTL_ATTRIBUTE] === 'number' && item[TTL_ATTRIBUTE] >= this.nowSeconds();
  }

  /** DynamoDB's TTL is in epoch seconds. */
  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
