import { describe, expect, it } from 'vitest';
import { domainKit } from '../../../test/support/domain-kit.js';
import { aComment, aPost } from '../../../test/support/storage-fixtures.js';
import type { PageRequest } from '../shared/page.js';
import { AuthorRenameService } from './author-rename.service.js';

describe('AuthorRenameService', () => {
  it('renames every post and comment of the author in pages of at most the batch size', async () => {
    const { storage } = domainKit();
    const posts = Array.from({ length: 5 }, () => aPost({ authorId: 'dana', authorName: 'Dana' }));
    for (const post of posts) await storage.posts.create(post);
    const [first] = posts;
    const comments = Array.from({ length: 3 }, () =>
      aComment(first?.id ?? '', { authorId: 'dana', authorName: 'Dana' }),
    );
    for (const comment of comments) await storage.comments.create(comment);
    const pages: PageRequest[] = [];
    type Renames = Pick<typeof storage.posts, 'renameAuthor'>;
    const recorded = (store: Renames): Renames => ({
      renameAuthor: (authorId, name, page) => {
        pages.push(page);
        return store.renameAuthor(authorId, name, page);
      },
    });

    await new AuthorRenameService({
      posts: recorded(storage.posts),
      comments: recorded(storage.comments),
      batchSize: 2,
    }).rename('dana', 'Dana B.');

    expect(pages.every((page) => page.limit === 2)).toBe(true);
    // Five posts in pages of two, then three comments in pages of two.
    expect(pages).toHaveLength(5);
    for (const post of posts) expect((await storage.posts.find(post.id))?.post.authorName).toBe('Dana B.');
    for (const comment of comments) {
      expect((await storage.comments.findWithPost(comment.postId, comment.id)).comment?.authorName).toBe(
        'Dana B.',
      );
    }
  });
});
