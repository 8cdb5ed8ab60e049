import type { CommentRepository } from '../comments/comment.repository.js';
import type { PostRepository } from '../posts/post.repository.js';
import type { StoreKey } from '../shared/page.js';

/** Items renamed per storage page: bounds each step's work, whatever the author has written. */
export const RENAME_BATCH_SIZE = 25;

/**
 * Posts and comments carry their author's name as it was when written (so reads need no join). After a
 * rename this copies the new name to every one of them, a bounded page at a time; run again (a retry, a
 * replayed change) it finds nothing left to change.
 */
export class AuthorRenameService {
  constructor(
    private readonly deps: {
      posts: Pick<PostRepository, 'renameAuthor'>;
      comments: Pick<CommentRepository, 'renameAuthor'>;
      batchSize?: number;
    },
  ) {}

  async rename(userId: string, displayName: string): Promise<void> {
    for (const store of [this.deps.posts, this.deps.comments]) {
      let startKey: StoreKey | null = null;
      do {
        const page: { limit: number; startKey?: StoreKey } = {
          limit: this.deps.batchSize ?? RENAME_BATCH_SIZE,
        };
        if (startKey) page.startKey = startKey;
        startKey = await store.renameAuthor(userId, displayName, page);
      } while (startKey);
    }
  }
}
