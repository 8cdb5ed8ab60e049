/** Pagination shared by every list: storage pages by opaque keys, clients by signed cursors. */

/** A storage position (DynamoDB's LastEvaluatedKey, or the memory store's equivalent): JSON, opaque here. */
export type StoreKey = Record<string, unknown>;

export interface PageRequest {
  limit: number;
  startKey?: StoreKey;
}

export interface StorePage<T> {
  items: T[];
  nextKey: StoreKey | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Turns storage keys into cursors clients cannot forge. `scope` names the list the cursor belongs to,
 * so a cursor from one list is refused by another. `decode` throws BadRequestError on anything tampered.
 */
export interface CursorCodec {
  encode(scope: string, key: StoreKey): string;
  decode(scope: string, cursor: string): StoreKey;
}

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface ListParams {
  limit?: number;
  cursor?: string;
}

export function toPageRequest(codec: CursorCodec, scope: string, params: ListParams): PageRequest {
  const limit = params.limit ?? DEFAULT_PAGE_LIMIT;
  return params.cursor ? { limit, startKey: codec.decode(scope, params.cursor) } : { limit };
}

export function toPage<S, T>(
  codec: CursorCodec,
  scope: string,
  page: StorePage<S>,
  map: (s: S) => T,
): Page<T> {
  return {
    items: page.items.map(map),
    nextCursor: page.nextKey ? codec.encode(scope, page.nextKey) : null,
  };
}
