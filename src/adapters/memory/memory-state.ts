import type { ChangeListener, StorageChange } from '../../domain/changes/storage-change.js';
import type { Comment } from '../../domain/comments/comment.js';
import type { Post } from '../../domain/posts/post.js';
import { AuthorRenamedError } from '../../domain/profiles/author-renamed.js';
import type { Profile } from '../../domain/profiles/profile.js';

/**
 * The whole memory store. Every repository method mutates it synchronously between awaits, which gives
 * each operation the all-or-nothing effect of a DynamoDB transaction on a single-threaded event loop.
 */
export interface MemoryState {
  posts: Map<string, Post>;
  /**
   * `posts` newest first, as every list reads them; dropped whenever a post is added, replaced or removed
   * (fields changed in place keep their order), and sorted again by the next list rather than per request.
   */
  postsNewestFirst?: Post[] | undefined;
  /** postId → (commentId → comment); ids sort in creation order. */
  comments: Map<string, Map<string, Comment>>;
  /** postId → (userId → favoritedAt). */
  favorites: Map<string, Map<string, string>>;
  profiles: Map<string, Profile>;
  claims: Map<string, { fingerprint: string; result: unknown; expiresAt: number }>;
  /** Who hears of committed changes (the memory provider's stand-in for a table stream). */
  listeners: Set<ChangeListener>;
}

export function emptyState(): MemoryState {
  return {
    posts: new Map(),
    comments: new Map(),
    favorites: new Map(),
    profiles: new Map(),
    claims: new Map(),
    listeners: new Set(),
  };
}

/** Tells the listeners of a committed change; each gets its own copy. */
export function emitChange(state: MemoryState, change: StorageChange): void {
  for (const listener of state.listeners) listener(copy(change));
}

/**
 * Copies leave the store, so callers can never mutate stored records by accident. Records are plain
 * JSON-shaped objects, which a direct copy handles several times faster than structuredClone (it
 * serialises); anything else (a Date, a Map) still goes through structuredClone.
 */
export function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  // Spread, not Object.assign: V8 clones an object of a known shape in one step (twice as fast here), and
  // an own "__proto__" key is copied as data rather than run through the setter.
  const copied = { ...value } as Record<string, unknown>;
  for (const key in copied) {
    const field = copied[key];
    if (typeof field === 'object' && field !== null) copied[key] = copy(field);
  }
  return copied as T;
}

/** Refuses a post or comment stamped with a name its author's profile no longer holds, as DynamoDB's check does. */
export function checkAuthorName(state: MemoryState, authorId: string, authorName: string): void {
  const profile = state.profiles.get(authorId);
  if (profile && profile.displayName !== authorName) throw new AuthorRenamedError(profile.displayName);
}
