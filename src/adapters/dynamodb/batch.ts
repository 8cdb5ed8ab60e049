import { UnavailableError } from '../../domain/shared/errors.js';
import type { DynamoDbDocuments } from './documents.js';
import { guarded } from './errors.js';
import type { Item } from './paging.js';
import type { ItemKey } from './table-design.js';
import { sleep } from './transactions.js';

const GET_CHUNK = 100;
const WRITE_CHUNK = 25;
/** Rounds for items DynamoDB left unprocessed (it does so under throttling), with growing pauses. */
const ROUNDS = 6;

export const keyId = (key: ItemKey) => `${key.pk}\n${key.sk}`;

/** Reads items by key; the map holds only those that exist, by `keyId`. */
export async function batchGet(
  documents: DynamoDbDocuments,
  tableName: string,
  keys: ItemKey[],
  projection?: string,
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  for (let start = 0; start < keys.length; start += GET_CHUNK) {
    let pending: ItemKey[] = keys.slice(start, start + GET_CHUNK);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= ROUNDS) throw unprocessed();
      if (round > 0) await sleep(2 ** round * 25);
      const request = { Keys: pending, ...(projection ? { ProjectionExpression: projection } : {}) };
      const output = await guarded(() => documents.batchGet({ RequestItems: { [tableName]: request } }));
      for (const item of output.Responses?.[tableName] ?? []) found.set(keyId(item as ItemKey), item);
      pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return found;
}

/** Deletes items by key, retrying whatever DynamoDB leaves unprocessed. */
export async function batchDelete(
  documents: DynamoDbDocuments,
  tableName: string,
  keys: ItemKey[],
): Promise<void> {
  for (let start = 0; start < keys.length; start += WRITE_CHUNK) {
    let pending = keys.slice(start, start + WRITE_CHUNK).map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= ROUNDS) throw unprocessed();
      if (round > 0) await sleep(2 ** round * 25);
      const output = await guarded(() => documents.batchWrite({ RequestItems: { [tableName]: pending } }));
      pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/** Deletes every item under partition key `pk`, a page at a time, reading strongly consistently. */
export async function deletePartition(
  documents: DynamoDbDocuments,
  tableName: string,
  pk: string,
): Promise<void> {
  let startKey: Item | undefined;
  do {
    const output = await guarded(() =>
      documents.query({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    await batchDelete(documents, tableName, (output.Items ?? []) as ItemKey[]);
    startKey = output.LastEvaluatedKey;
  } while (startKey);
}

function unprocessed(): UnavailableError {
  return new UnavailableError('Storage is throttling this request; retry in a moment.');
}
