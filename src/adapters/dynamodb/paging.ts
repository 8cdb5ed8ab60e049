import { BadRequestError } from '../../domain/shared/errors.js';
import type { StoreKey, StorePage } from '../../domain/shared/page.js';

export type Item = Record<string, unknown>;

/** The attributes of a page key (DynamoDB's LastEvaluatedKey) for one list, and the values fixed by the query. */
export interface KeyShape {
  names: readonly string[];
  /** Attributes whose value the query itself fixes (the partition). */
  equal: Record<string, string>;
  /** Attributes that must start with a prefix (the kind of item paged over). */
  prefix?: Record<string, string>;
}

export const TABLE_KEY = ['pk', 'sk'] as const;
export const GSI1_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
export const GSI2_KEY = ['pk', 'sk', 'gsi2pk', 'gsi2sk'] as const;

/**
 * The ExclusiveStartKey for a page request. Cursors are signed, so a bad key means a leaked secret or a
 * changed design; either way it must be a 400, never a DynamoDB ValidationException turned 500.
 */
export function exclusiveStartKey(startKey: StoreKey | undefined, shape: KeyShape): Item | undefined {
  if (startKey === undefined) return undefined;
  const names = Object.keys(startKey);
  const fits =
    names.length === shape.names.length &&
    shape.names.every((name) => typeof startKey[name] === 'string' && startKey[name] !== '') &&
    Object.entries(shape.equal).every(([name, value]) => startKey[name] === value) &&
    Object.entries(shape.prefix ?? {}).every(([name, prefix]) => String(startKey[name]).startsWith(prefix));
  if (!fits) throw new BadRequestError('The cursor does not belong to this list.');
  return startKey;
}

/**
 * Pages query results fetched with Limit = limit + 1: an extra item proves there is more, and the key of the
 * last item kept becomes the next start, so the last page is never an empty one. When DynamoDB stopped
 * early (its 1 MB page), its own LastEvaluatedKey is the next start.
 */
export function pageOf(
  items: Item[],
  limit: number,
  lastEvaluatedKey: Item | undefined,
  keyNames: readonly string[],
): StorePage<Item> {
  if (items.length <= limit) return { items, nextKey: lastEvaluatedKey ?? null };
  const kept = items.slice(0, limit);
  const last = kept.at(-1) ?? {};
  return { items: kept, nextKey: Object.fromEntries(keyNames.map((name) => [name, last[name]])) };
}
