import type { Comment } from '../../domain/comments/comment.js';
import type { CommentRepository } from '../../domain/comments/comment.repository.js';
import type { Post } from '../../domain/posts/post.js';
import { ConflictError, postNotFound } from '../../domain/shared/errors.js';
import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../../domain/shared/page.js';
import { authorNameCheck, renameAuthorIn, renamedAuthor } from './author-names.js';
import { claimPut, replayOf } from './claims.js';
import type { DynamoDbDocuments } from './documents.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { guarded } from './errors.js';
import { commentItem, toComment, toPost } from './item-mappers.js';
import { exclusiveStartKey, pageOf, TABLE_KEY } from './paging.js';
import {
  COMMENT_PREFIX,
  COMMENT_SK_END,
  commenterPartition,
  commentKey,
  POST_SK,
  postKey,
  postPk,
} from './table-design.js';
import { isRefused, type TransactItem, transactGet, transactWrite } from './transactions.js';

export class DynamoDbCommentRepository implements CommentRepository {
  private readonly documents: DynamoDbDocuments;
  private readonly tableName: string;

  constructor({ documents, tableName }: DynamoDbTable) {
    this.documents = documents;
    this.tableName = tableName;
  }

  /**
   * Counts, stores, checks the author's name and claims in one transaction; the count's condition is what
   * refuses a missing post.
   */
  async create(
    comment: Comment,
    claim?: IdempotencyClaim,
    correlationId?: string,
  ): Promise<CreateOutcome<Comment>> {
    const items: TransactItem[] = [
      this.countOn(comment.postId, 1),
      {
        Put: {
          TableName: this.tableName,
          Item: commentItem(comment, correlationId),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      authorNameCheck(this.tableName, comment.authorId, comment.authorName),
    ];
    if (claim) items.push(claimPut(this.tableName, claim, comment));
    const refusals = await transactWrite(this.documents, items);
    if (!refusals) return { created: true };
    // A retry with a used key replays even when the post has gone since, as the memory store does.
    const replay = claim ? await replayOf<Comment>(this.documents, this.tableName, claim, refusals[3]) : null;
    if (replay) return replay;
    if (isRefused(refusals, 0)) throw postNotFound(comment.postId);
    const renamed = await renamedAuthor(this.documents, this.tableName, comment.authorId, refusals[2]);
    if (renamed) throw renamed;
    throw new ConflictError(`A comment with id ${JSON.stringify(comment.id)} already exists.`);
  }

  /**
   * One Query over the post's partition. The first page starts at the post item (`#POST` sorts before every
   * comment), which both proves the post exists and is dropped from the items; favorites sort after
   * `COMMENT#\uffff` and are never read.
   */
  async list(postId: string, page: PageRequest): Promise<StorePage<Comment> | null> {
    const startKey = exclusiveStartKey(page.startKey, {
      names: TABLE_KEY,
      equal: { pk: postPk(postId) },
      prefix: { sk: COMMENT_PREFIX },
    });
    const output = await guarded(() =>
      this.documents.query({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': postPk(postId), ':from': POST_SK, ':to': COMMENT_SK_END },
        ConsistentRead: true,
        // One more than the page proves there is a next page; on the first page, one more for the post.
        Limit: page.limit + (startKey ? 1 : 2),
        ExclusiveStartKey: startKey,
      }),
    );
    const items = output.Items ?? [];
    const hasPost = items[0]?.sk === POST_SK;
    if (!startKey && !hasPost) return null;
    const comments = hasPost ? items.slice(1) : items;
    const { items: kept, nextKey } = pageOf(comments, page.limit, output.LastEvaluatedKey, TABLE_KEY);
    return { items: kept.map(toComment), nextKey };
  }

  async renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null> {
    return renameAuthorIn(this.documents, this.tableName, commenterPartition(authorId), authorName, page);
  }

  async findWithPost(
    postId: string,
    commentId: string,
  ): Promise<{ post: Post | null; comment: Comment | null }> {
    const [post, comment] = await transactGet(this.documents, [
      { Get: { TableName: this.tableName, Key: postKey(postId) } },
      { Get: { TableName: this.tableName, Key: commentKey(postId, commentId) } },
    ]);
    return { post: post ? toPost(post) : null, comment: comment ? toComment(comment) : null };
  }

  /** False when the comment is gone, or the post is (its remaining comments are being swept away). */
  async delete(postId: string, commentId: string): Promise<boolean> {
    const refusals = await transactWrite(this.documents, [
      {
        Delete: {
          TableName: this.tableName,
          Key: commentKey(postId, commentId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      this.countOn(postId, -1),
    ]);
    return refusals === null;
  }

  private countOn(postId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: postKey(postId),
        UpdateExpression: 'ADD commentCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }
}
