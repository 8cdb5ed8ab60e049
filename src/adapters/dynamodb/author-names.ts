import { AuthorRenamedError } from '../../domain/profiles/author-renamed.js';
import type { PageRequest, StoreKey } from '../../domain/shared/page.js';
import type { DynamoDbDocuments } from './documents.js';
import { guarded, isConditionFailed, translateError } from './errors.js';
import { exclusiveStartKey, GSI2_KEY } from './paging.js';
import { GSI2, profileKey } from './table-design.js';
import { type Refusal, refusedItem, type TransactItem } from './transactions.js';

/**
 * Rides in the transaction that writes a post or comment stamped with `authorName`: refuses it when the
 * author's profile holds another name, so no process stamps a name from before a rename (see
 * AuthorRenamedError). An author without a profile is not held to one.
 */
export function authorNameCheck(tableName: string, authorId: string, authorName: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: profileKey(authorId),
      ConditionExpression: 'attribute_not_exists(pk) OR displayName = :name',
      ExpressionAttributeValues: { ':name': authorName },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The error for a transaction whose authorNameCheck was refused, with the name the profile holds; else null. */
export async function renamedAuthor(
  documents: DynamoDbDocuments,
  tableName: string,
  authorId: string,
  refusal: Refusal | undefined,
): Promise<AuthorRenamedError | null> {
  const profile = await refusedItem(documents, tableName, profileKey(authorId), refusal);
  return typeof profile?.displayName === 'string' ? new AuthorRenamedError(profile.displayName) : null;
}

/**
 * Sets `authorName` on one page of the items in GSI2 partition `partition` (an author's posts, or their
 * comments) that do not carry it yet; returns where the next page starts, null after the last. Items gone
 * since the Query, or renamed meanwhile, are left alone, so running it twice changes nothing more.
 */
export async function renameAuthorIn(
  documents: DynamoDbDocuments,
  tableName: string,
  partition: string,
  name: string,
  page: PageRequest,
): Promise<StoreKey | null> {
  const startKey = exclusiveStartKey(page.startKey, { names: GSI2_KEY, equal: { gsi2pk: partition } });
  const output = await guarded(() =>
    documents.query({
      TableName: tableName,
      IndexName: GSI2,
      KeyConditionExpression: 'gsi2pk = :partition',
      ExpressionAttributeValues: { ':partition': partition },
      ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk, authorName',
      Limit: page.limit,
      ExclusiveStartKey: startKey,
    }),
  );
  for (const item of output.Items ?? []) {
    if (item.authorName === name) continue;
    try {
      await documents.update({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET authorName = :name',
        ConditionExpression: 'attribute_exists(pk) AND authorName <> :name',
        ExpressionAttributeValues: { ':name': name },
      });
    } catch (error) {
      if (!isConditionFailed(error)) throw translateError(error);
    }
  }
  return output.LastEvaluatedKey ?? null;
}
