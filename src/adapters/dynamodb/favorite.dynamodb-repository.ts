import type { FavoriteRepository } from '../../domain/favorites/favorite.repository.js';
import type { PostRead } from '../../domain/posts/post.js';
import { postNotFound } from '../../domain/shared/errors.js';
import type { PageRequest, StorePage } from '../../domain/shared/page.js';
import { batchGet, keyId } from './batch.js';
import type { DynamoDbDocuments } from './documents.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { guarded } from './errors.js';
import { favoriteItem, toPost } from './item-mappers.js';
import { exclusiveStartKey, GSI2_KEY, pageOf } from './paging.js';
import { favoriteKey, favoritesPartition, GSI2, postKey, postPk } from './table-design.js';
import { isRefused, type TransactItem, transactWrite } from './transactions.js';

/** Each favorite and its count move in one transaction; the favorite's own condition makes both idempotent. */
export class DynamoDbFavoriteRepository implements FavoriteRepository {
  private readonly documents: DynamoDbDocuments;
  private readonly tableName: string;

  constructor({ documents, tableName }: DynamoDbTable) {
    this.documents = documents;
    this.tableName = tableName;
  }

  async add(userId: string, postId: string, at: string): Promise<void> {
    const refusals = await transactWrite(this.documents, [
      {
        Put: {
          TableName: this.tableName,
          Item: favoriteItem(userId, postId, at),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.countOn(postId, 1),
    ]);
    // The post's refusal wins: a favorite left over from a deleted post does not make the post exist.
    if (refusals && isRefused(refusals, 1)) throw postNotFound(postId);
  }

  async remove(userId: string, postId: string): Promise<void> {
    const refusals = await transactWrite(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: favoriteKey(postId, userId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      this.countOn(postId, -1),
    ]);
    if (!refusals) return;
    if (isRefused(refusals, 1)) throw postNotFound(postId);
    // Not favorited: fine, unless the post does not exist (the transaction may have stopped at the favorite).
    const { Item } = await guarded(() =>
      this.documents.get({ TableName: this.tableName, Key: postKey(postId), ProjectionExpression: 'pk' }),
    );
    if (!Item) throw postNotFound(postId);
  }

  /** One Query of the user's favorites, newest first, then one BatchGet of their posts, kept in that order. */
  async listByUser(userId: string, page: PageRequest): Promise<StorePage<PostRead>> {
    const partition = favoritesPartition(userId);
    const startKey = exclusiveStartKey(page.startKey, {
      names: GSI2_KEY,
      equal: { gsi2pk: partition, sk: favoriteKey('', userId).sk },
      prefix: { pk: postPk('') },
    });
    const output = await guarded(() =>
      this.documents.query({
        TableName: this.tableName,
        IndexName: GSI2,
        KeyConditionExpression: 'gsi2pk = :partition',
        ExpressionAttributeValues: { ':partition': partition },
        ScanIndexForward: false,
        Limit: page.limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    const { items, nextKey } = pageOf(output.Items ?? [], page.limit, output.LastEvaluatedKey, GSI2_KEY);
    const keys = items.map((item) => postKey(String(item.postId)));
    const posts = await batchGet(this.documents, this.tableName, keys);
    const reads = keys.flatMap((key) => {
      const post = posts.get(keyId(key));
      return post ? [{ post: toPost(post), favoritedByViewer: true }] : [];
    });
    return { items: reads, nextKey };
  }

  private countOn(postId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: postKey(postId),
        UpdateExpression: 'ADD favoriteCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }
}
