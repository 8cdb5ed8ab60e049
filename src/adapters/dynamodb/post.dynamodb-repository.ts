import type { Post, PostChanges, PostRead } from '../../domain/posts/post.js';
import type { PostRepository } from '../../domain/posts/post.repository.js';
import { ConflictError } from '../../domain/shared/errors.js';
import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../../domain/shared/page.js';
import { authorNameCheck, renameAuthorIn, renamedAuthor } from './author-names.js';
import { batchGet, deletePartition, keyId } from './batch.js';
import { claimPut, replayOf } from './claims.js';
import type { DynamoDbDocuments } from './documents.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { guarded, isConditionFailed, translateError } from './errors.js';
import { postItem, toPost } from './item-mappers.js';
import { exclusiveStartKey, GSI1_KEY, GSI2_KEY, pageOf } from './paging.js';
import {
  authorPartition,
  favoriteKey,
  GSI1,
  GSI2,
  type ItemKey,
  POST_SK,
  POSTS_FEED,
  postKey,
  postPk,
} from './table-design.js';
import { type TransactItem, transactGet, transactWrite } from './transactions.js';

/** What an edit may set; counts are never among them, so an edit cannot undo a concurrent favorite. */
const EDITABLE = new Set(['title', 'body', 'tags', 'imageKey', 'updatedAt']);

export class DynamoDbPostRepository implements PostRepository {
  private readonly documents: DynamoDbDocuments;
  private readonly tableName: string;

  constructor({ documents, tableName }: DynamoDbTable) {
    this.documents = documents;
    this.tableName = tableName;
  }

  /** The post, the check of its author's name and the claim, if any, in one transaction. */
  async create(post: Post, claim?: IdempotencyClaim): Promise<CreateOutcome<Post>> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: postItem(post),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      authorNameCheck(this.tableName, post.authorId, post.authorName),
    ];
    if (claim) items.push(claimPut(this.tableName, claim, post));
    const refusals = await transactWrite(this.documents, items);
    if (!refusals) return { created: true };
    // A retry with a used key replays whatever the name is now: the first answer is the answer.
    const replay = claim ? await replayOf<Post>(this.documents, this.tableName, claim, refusals[2]) : null;
    if (replay) return replay;
    const renamed = await renamedAuthor(this.documents, this.tableName, post.authorId, refusals[1]);
    if (renamed) throw renamed;
    throw duplicateId(post.id);
  }

  async find(id: string, viewerId?: string): Promise<PostRead | null> {
    if (viewerId === undefined) {
      const { Item } = await guarded(() =>
        this.documents.get({ TableName: this.tableName, Key: postKey(id), ConsistentRead: true }),
      );
      return Item ? { post: toPost(Item), favoritedByViewer: false } : null;
    }
    const [post, favorite] = await transactGet(this.documents, [
      { Get: { TableName: this.tableName, Key: postKey(id) } },
      { Get: { TableName: this.tableName, Key: favoriteKey(id, viewerId), ProjectionExpression: 'pk' } },
    ]);
    return post ? { post: toPost(post), favoritedByViewer: favorite !== null } : null;
  }

  async list(
    query: { authorId?: string; viewerId?: string },
    page: PageRequest,
  ): Promise<StorePage<PostRead>> {
    const [index, partition, keyNames] =
      query.authorId === undefined
        ? [GSI1, POSTS_FEED, GSI1_KEY]
        : [GSI2, authorPartition(query.authorId), GSI2_KEY];
    const startKey = exclusiveStartKey(page.startKey, {
      names: keyNames,
      equal: { [`${index}pk`]: partition, sk: POST_SK },
      prefix: { pk: postPk('') },
    });
    const output = await guarded(() =>
      this.documents.query({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': `${index}pk` },
        ExpressionAttributeValues: { ':partition': partition },
        ScanIndexForward: false,
        Limit: page.limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    const { items, nextKey } = pageOf(output.Items ?? [], page.limit, output.LastEvaluatedKey, keyNames);
    const posts = items.map(toPost);
    const favorited = await this.favoritedBy(query.viewerId, posts);
    return { items: posts.map((post) => ({ post, favoritedByViewer: favorited.has(post.id) })), nextKey };
  }

  async update(id: string, changes: PostChanges, expectedVersion: number): Promise<Post | null> {
    const fields = Object.entries(changes).filter(
      ([name, value]) => EDITABLE.has(name) && value !== undefined,
    );
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':next': expectedVersion + 1 };
    const sets = ['#version = :next'];
    fields.forEach(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    });
    try {
      const { Attributes } = await this.documents.update({
        TableName: this.tableName,
        Key: postKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      });
      return Attributes ? toPost(Attributes) : null;
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw translateError(error);
    }
  }

  /**
   * One conditional delete of the post item. Every comment and favorite write requires the post item in
   * the same transaction, so from that moment nothing new can join the partition, and comment lists (which
   * need the post item) are 404; the table's stream then sweeps the rest (sweepRemains).
   */
  async delete(id: string, expectedVersion: number): Promise<boolean> {
    try {
      await this.documents.delete({
        TableName: this.tableName,
        Key: postKey(id),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      });
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw translateError(error);
    }
  }

  /** Whatever committed to the partition before the post went is seen by the strongly consistent Query. */
  async sweepRemains(id: string): Promise<void> {
    await deletePartition(this.documents, this.tableName, postPk(id));
  }

  async renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null> {
    return renameAuthorIn(this.documents, this.tableName, authorPartition(authorId), authorName, page);
  }

  private async favoritedBy(viewerId: string | undefined, posts: Post[]): Promise<Set<string>> {
    if (viewerId === undefined || posts.length === 0) return new Set();
    const keys = posts.map((post) => favoriteKey(post.id, viewerId));
    const found = await batchGet(this.documents, this.tableName, keys, 'pk, sk');
    return new Set(posts.filter((_, i) => found.has(keyId(keys[i] as ItemKey))).map((post) => post.id));
  }
}

function duplicateId(id: string): ConflictError {
  return new ConflictError(`A post with id ${JSON.stringify(id)} already exists.`);
}
