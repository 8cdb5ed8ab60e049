import type { Post } from '../posts/post.js';
import type { CreateOutcome, IdempotencyClaim } from '../shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../shared/page.js';
import type { Comment } from './comment.js';

/** Storage of comments; each write moves the post's commentCount in the same transaction. */
export interface CommentRepository {
  /**
   * Stores the comment and counts it; throws NotFoundError when the post does not exist (or is being
   * deleted). `correlationId`, the id of the request that wrote it, may be kept beside the comment (never
   * in it) so whatever reacts to the write can name that request.
   */
  create(comment: Comment, claim?: IdempotencyClaim, correlationId?: string): Promise<CreateOutcome<Comment>>;
  /** Oldest first; null when the post does not exist. */
  list(postId: string, page: PageRequest): Promise<StorePage<Comment> | null>;
  /** The post and the comment, read together so permission checks see one consistent state. */
  findWithPost(postId: string, commentId: string): Promise<{ post: Post | null; comment: Comment | null }>;
  /** Deletes and uncounts the comment; false when it was already gone. */
  delete(postId: string, commentId: string): Promise<boolean>;
  /** Sets `authorName` on one page of `authorId`'s comments; returns where the next page starts, null after the last. */
  renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null>;
}
