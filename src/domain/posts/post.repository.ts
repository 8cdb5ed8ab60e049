import type { CreateOutcome, IdempotencyClaim } from '../shared/idempotency.js';
import type { PageRequest, StorePage } from '../shared/page.js';
import type { Post, PostChanges, PostRead } from './post.js';

/** Storage of posts. Implementations keep counts and cascades exact under concurrency. */
export interface PostRepository {
  /** Stores a new post, unless the claim's key was used before: then returns that first result. */
  create(post: Post, claim?: IdempotencyClaim): Promise<CreateOutcome<Post>>;
  /** The post and whether `viewerId` favorited it, in one storage read. */
  find(id: string, viewerId?: string): Promise<PostRead | null>;
  /** Newest first; only `authorId`'s posts when given. */
  list(query: { authorId?: string; viewerId?: string }, page: PageRequest): Promise<StorePage<PostRead>>;
  /** Applies `changes` and bumps the version if it is still `expectedVersion`; null when it is not (or the post is gone). */
  update(id: string, changes: PostChanges, expectedVersion: number): Promise<Post | null>;
  /** Deletes the post at `expectedVersion`, then its comments and favorites. False when the version moved on or it is gone. */
  delete(id: string, expectedVersion: number): Promise<boolean>;
}
