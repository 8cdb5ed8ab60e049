import { BadRequestError } from '../../domain/shared/errors.js';
import type { PageRequest, StoreKey, StorePage } from '../../domain/shared/page.js';

/**
 * Pages a sorted list the way DynamoDB does: the key is the sort value of the last item returned,
 * so a page stays correct when items before or after it are added or removed.
 */
export function pageBy<T>(
  sorted: T[],
  sortKeyOf: (item: T) => string,
  page: PageRequest,
  descending = false,
): StorePage<T> {
  const after = page.startKey ? startAfter(page.startKey) : undefined;
  const from =
    after === undefined
      ? 0
      : sorted.findIndex((item) => (descending ? sortKeyOf(item) < after : sortKeyOf(item) > after));
  const start = from === -1 ? sorted.length : from;
  const items = sorted.slice(start, start + page.limit);
  const last = items.at(-1);
  const more = start + page.limit < sorted.length;
  return { items, nextKey: more && last ? { after: sortKeyOf(last) } : null };
}

function startAfter(key: StoreKey): string {
  if (typeof key.after !== 'string') throw new BadRequestError('The cursor does not belong to this list.');
  return key.after;
}

export function compareDescending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
