import type { ImageCatalog } from '../uploads/image-catalog.js';
import type { Post } from './post.js';
import type { PostRepository } from './post.repository.js';

/**
 * What deleting a post leaves for later: its comments, favorites and image. Deleting answers once the post
 * is gone (nothing can join it after); this runs after the write, from the change it made, and may run
 * again on a retry, so each step deletes only what is still there.
 */
export class PostSweepService {
  constructor(
    private readonly deps: {
      posts: Pick<PostRepository, 'sweepRemains'>;
      images: Pick<ImageCatalog, 'discard'>;
    },
  ) {}

  async sweep(post: Pick<Post, 'id' | 'imageKey'>): Promise<void> {
    await this.deps.posts.sweepRemains(post.id);
    if (post.imageKey) await this.deps.images.discard(post.imageKey);
  }
}
