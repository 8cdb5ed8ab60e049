import type { PostRead } from '../posts/post.js';
import type { PageRequest, StorePage } from '../shared/page.js';

/** Favorites, each counted once in its post's favoriteCount, in the same transaction as the favorite itself. */
export interface FavoriteRepository {
  /** Idempotent. Throws NotFoundError when the post does not exist. */
  add(userId: string, postId: string, at: string): Promise<void>;
  /** Idempotent. Throws NotFoundError when the post does not exist. */
  remove(userId: string, postId: string): Promise<void>;
  /** The user's favorite posts, most recently favorited first. */
  listByUser(userId: string, page: PageRequest): Promise<StorePage<PostRead>>;
}
