import type { DynamoDBStreamEvent } from 'aws-lambda';
import { commentStreamRecord } from '../../adapters/dynamodb/comment-stream-records.js';
import type { CommentRepository } from '../../domain/comments/comment.repository.js';

/**
 * The local stand-in for the main table's DynamoDB stream, for comments: once a comment write has
 * committed, the record DynamoDB would emit goes to the broadcaster, one record after another, off the
 * request's path — so, as in AWS, a comment never waits on or fails because of a push.
 */
export function withCommentStream(
  comments: CommentRepository,
  broadcaster: (event: DynamoDBStreamEvent) => Promise<unknown>,
  onError: (error: unknown) => void,
): CommentRepository {
  let queue: Promise<unknown> = Promise.resolve();
  const emit = (record: DynamoDBStreamEvent['Records'][number]) => {
    queue = queue.then(() => broadcaster({ Records: [record] })).catch(onError);
  };
  return {
    list: (postId, page) => comments.list(postId, page),
    findWithPost: (postId, commentId) => comments.findWithPost(postId, commentId),
    async create(comment, claim) {
      const outcome = await comments.create(comment, claim);
      if (outcome.created) emit(commentStreamRecord('INSERT', comment));
      return outcome;
    },
    async delete(postId, commentId) {
      const deleted = await comments.delete(postId, commentId);
      if (deleted) emit(commentStreamRecord('REMOVE', { postId, id: commentId }));
      return deleted;
    },
  };
}
