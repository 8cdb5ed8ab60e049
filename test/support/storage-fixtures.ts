import { monotonicFactory } from 'ulid';
import type { Comment } from '../../src/domain/comments/comment.js';
import type { Post } from '../../src/domain/posts/post.js';
import type { IdempotencyClaim } from '../../src/domain/shared/idempotency.js';
import type { StoreKey, StorePage } from '../../src/domain/shared/page.js';

const ulid = monotonicFactory();

/** A new time-ordered id, as the app makes them. */
export const nextId = (): string => ulid();

export function aPost(overrides: Partial<Post> = {}): Post {
  const id = overrides.id ?? nextId();
  const at = new Date().toISOString();
  return {
    id,
    authorId: 'alice',
    authorName: 'Alice',
    title: `Post ${id}`,
    body: 'A body',
    tags: ['news'],
    imageKey: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    commentCount: 0,
    favoriteCount: 0,
    ...overrides,
  };
}

export function aComment(postId: string, overrides: Partial<Comment> = {}): Comment {
  return {
    id: nextId(),
    postId,
    authorId: 'bob',
    authorName: 'Bob',
    body: 'Nice post',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

export function aClaim(overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim {
  const issuedAt = Math.floor(Date.now() / 1000);
  return {
    userId: 'alice',
    key: `key-${nextId()}`,
    fingerprint: 'fingerprint-1',
    issuedAt,
    expiresAt: issuedAt + 86_400,
    ...overrides,
  };
}

/**
 * Every page of a list, each next key passed through JSON as a cursor carries it. Fails on a list that
 * does not end, or a missing list.
 */
export async function allPages<T>(
  fetchPage: (startKey: StoreKey | undefined) => Promise<StorePage<T> | null>,
): Promise<{ items: T[]; pages: T[][] }> {
  const pages: T[][] = [];
  let startKey: StoreKey | undefined;
  do {
    const page = await fetchPage(startKey);
    if (!page) throw new Error('the list is missing');
    pages.push(page.items);
    startKey = page.nextKey ? JSON.parse(JSON.stringify(page.nextKey)) : undefined;
    if (pages.length > 1000) throw new Error('the list does not end');
  } while (startKey);
  return { items: pages.flat(), pages };
}

/** Resolves when every promise settles; returns the errors. */
export async function failuresOf(work: Promise<unknown>[]): Promise<unknown[]> {
  const results = await Promise.allSettled(work);
  return results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
}
