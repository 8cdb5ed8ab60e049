import type { Post } from '../posts/post.js';
import type { CommentEvent } from '../realtime/realtime-messages.js';

/**
 * A committed change that work after the write reacts to: pushes to readers, the sweep of a deleted post's
 * remains, a new display name copied to old posts and comments. DynamoDB reports them on its table's
 * stream; a provider without one reports them through a ChangeFeed.
 */
export type StorageChange =
  | CommentEvent
  | { type: 'post.deleted'; post: Post }
  | { type: 'profile.renamed'; userId: string; displayName: string };

export type ChangeListener = (change: StorageChange) => void;

/** Committed changes as they happen, for a provider that has no stream of its own (memory). */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
}
