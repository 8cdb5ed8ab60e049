import type { ChangeFeed } from './changes/storage-change.js';
import type { CommentRepository } from './comments/comment.repository.js';
import type { FavoriteRepository } from './favorites/favorite.repository.js';
import type { PostRepository } from './posts/post.repository.js';
import type { ProfileRepository } from './profiles/profile.repository.js';
import type { ConnectionStore } from './realtime/connection.store.js';

/** Everything the domain stores, as one provider (`memory` or `dynamodb`) supplies it. */
export interface Storage {
  posts: PostRepository;
  comments: CommentRepository;
  favorites: FavoriteRepository;
  profiles: ProfileRepository;
  /** WebSocket connections and their subscriptions. */
  connections: ConnectionStore;
  /** Resolves when storage answers; throws UnavailableError when it does not. */
  ping(): Promise<void>;
  /**
   * Committed changes, when the provider has no stream outside the process to report them (memory); the
   * dynamodb provider's changes arrive on the table's stream instead.
   */
  changes?: ChangeFeed;
}
