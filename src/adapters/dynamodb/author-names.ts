import type { PageRequest, StoreKey } from '../../domain/shared/page.js';
import type { DynamoDbDocuments } from './documents.js';
import { guarded, isConditionFailed, translateError } from './errors.js';
import { exclusiveStartKey, GSI2_KEY } from './paging.js';
import { GSI2 } from './table-design.js';

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
