import type { Awaitable } from '../shared/awaitable.js';
import type { CreateOutcome, IdempotencyClaim } from '../shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../shared/page.js';
import type { Post, PostChanges, PostRead } from './post.js';

/** Storage of posts. Implementations keep counts and cascades exact under concurrency. */
export interface PostRepository {
  /** Stores a new post, unless the claim's key was used before: then returns that first result. */
  create(post: Post, claim?: IdempotencyClaim): Promise<CreateOutcome<Post>>;
  /** The post and whether `viewerId` favorited it, in one storage read; at once where the store can. */
  find(id: string, viewerId?: string): Awaitable<PostRead | null>;
  /** Newest first; only `authorId`'s posts when given. */
  list(query: { authorId?: string; viewerId?: string }, page: PageRequest): Promise<StorePage<PostRead>>;
  /** Applies `changes` and bumps the version if it is still `expectedVersion`; null when it is not (or the post is gone). */
  update(id: string, changes: PostChanges, expectedVersion: number): Promise<Post | null>;
  /**
   * Deletes the post at `expectedVersion`, and only the post: from then on it is gone, its comments list
   * is gone and nothing new can join it. False when the version moved on or it is gone.
   */
  delete(id: string, expectedVersion: number): Promise<boolean>;
  /** Deletes what a deleted post leaves behind (comments, favorites); deleting nothing when swept before. */
  sweepRemains(id: string): Promise<void>;
  /** Sets `authorName` on one page of `authorId`'s posts; returns where the next page starts, null after the last. */
  renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null>;
}
