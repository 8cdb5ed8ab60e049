import type { Comment } from '../../domain/comments/comment.js';
import type { Post } from '../../domain/posts/post.js';
import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { DynamoDbDocuments } from './documents.js';
import { claimItem } from './item-mappers.js';
import { claimKey, TTL_ATTRIBUTE } from './table-design.js';
import { type Refusal, refusedItem, type TransactItem } from './transactions.js';

/**
 * The claim's Put, to ride in the transaction that creates `result`. A claim whose ttl has passed does not
 * count even before DynamoDB's TTL sweep deletes it (which can take days).
 */
export function claimPut(tableName: string, claim: IdempotencyClaim, result: Post | Comment): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: claimItem(claim, result),
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':now': claim.issuedAt },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The first result for a claim that was refused; null when the claim was not what failed. */
export async function replayOf<T>(
  documents: DynamoDbDocuments,
  tableName: string,
  claim: IdempotencyClaim,
  refusal: Refusal | undefined,
): Promise<CreateOutcome<T> | null> {
  const stored = await refusedItem(documents, tableName, claimKey(claim.userId, claim.key), refusal);
  if (!stored) return null;
  return {
    created: false,
    previous: { fingerprint: String(stored.fingerprint), result: stored.result as T },
  };
}
