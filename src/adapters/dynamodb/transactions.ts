import { randomUUID } from 'node:crypto';
import type { TransactGetCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { UnavailableError } from '../../domain/shared/errors.js';
import type { DynamoDbDocuments } from './documents.js';
import { guarded, translateError } from './errors.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type TransactGet = NonNullable<TransactGetCommandInput['TransactItems']>[number];

/** Why DynamoDB refused one item of a cancelled transaction; `item` is the old item when ALL_OLD was asked. */
export interface Refusal {
  code: string;
  item?: Record<string, unknown>;
}

/** Transactions that lose a race with another transaction on the same items are retried this often. */
const ATTEMPTS = 4;

/**
 * Commits `items` all or nothing. Returns null when committed, else one refusal per item when a condition
 * failed. Each attempt carries its own ClientRequestToken, so the client's retry of an attempt that did commit
 * is answered as a success instead of failing its own conditions and being counted twice.
 */
export async function transactWrite(
  documents: DynamoDbDocuments,
  items: TransactItem[],
): Promise<Refusal[] | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.transactWrite({ TransactItems: items, ClientRequestToken: randomUUID() });
      return null;
    } catch (error) {
      const refusals = refusalsOf(error);
      if (!refusals) throw translateError(error);
      const conflicted = refusals.some((refusal) => refusal.code === 'TransactionConflict');
      if (conflicted && attempt < ATTEMPTS) {
        await sleep(2 ** attempt * 10 * (1 + Math.random()));
        continue;
      }
      if (refusals.some((refusal) => refusal.code === 'ConditionalCheckFailed')) return refusals;
      throw new UnavailableError('Storage is busy with other writes to the same items; retry in a moment.', {
        cause: error,
      });
    }
  }
}

/** Reads items together, as of one moment; null stands for an item that does not exist. */
export async function transactGet(
  documents: DynamoDbDocuments,
  gets: TransactGet[],
): Promise<(Record<string, unknown> | null)[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const output = await documents.transactGet({ TransactItems: gets });
      return gets.map((_, index) => output.Responses?.[index]?.Item ?? null);
    } catch (error) {
      // A read that overlaps a transaction writing the same items is cancelled; it is worth another try.
      if (!refusalsOf(error) || attempt >= ATTEMPTS) throw translateError(conflictAsUnavailable(error));
      await sleep(2 ** attempt * 10 * (1 + Math.random()));
    }
  }
}

/**
 * The item whose condition refused a transaction, as it stands: DynamoDB returns it with the refusal when the
 * item asked for ALL_OLD; an emulator that does not gets it read instead. Null when that item's condition was
 * not what failed, or there is no such item.
 */
export async function refusedItem(
  documents: DynamoDbDocuments,
  tableName: string,
  key: Record<string, unknown>,
  refusal: Refusal | undefined,
): Promise<Record<string, unknown> | null> {
  if (refusal?.code !== 'ConditionalCheckFailed') return null;
  if (refusal.item) return refusal.item;
  const { Item } = await guarded(() =>
    documents.get({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return Item ?? null;
}

export function isRefused(refusals: Refusal[], index: number): boolean {
  return refusals[index]?.code === 'ConditionalCheckFailed';
}

function conflictAsUnavailable(error: unknown): unknown {
  return refusalsOf(error)
    ? new UnavailableError('Storage is busy with writes to the same items; retry in a moment.', {
        cause: error,
      })
    : error;
}

function refusalsOf(error: unknown): Refusal[] | null {
  const { name, CancellationReasons } = error as {
    name?: string;
    CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[];
  };
  if (name !== 'TransactionCanceledException' || !CancellationReasons) return null;
  // The document client leaves errors in DynamoDB's attribute-value form.
  return CancellationReasons.map((reason) => ({
    code: reason.Code ?? 'None',
    ...(reason.Item ? { item: unmarshall(reason.Item as Parameters<typeof unmarshall>[0]) } : {}),
  }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
