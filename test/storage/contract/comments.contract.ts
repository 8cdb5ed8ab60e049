import { expect, it } from 'vitest';
import { NotFoundError } from '../../../src/domain/shared/errors.js';
import type { Storage } from '../../../src/domain/storage.js';
import { aComment, allPages, aPost } from '../../support/storage-fixtures.js';

export function commentContract(fresh: () => Promise<Storage>): void {
  it('refuses a comment on a missing post with NotFoundError naming the post', async () => {
    const { comments } = await fresh();

    const attempt = comments.create(aComment('no-such-post'));

    await expect(attempt).rejects.toThrowError(NotFoundError);
    await expect(attempt).rejects.toThrowError('No post with id "no-such-post".');
  });

  it('lists comments oldest first in pages of any size, and counts them exactly', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(aComment(post.id, { body: `comment ${i}` }));
    for (const comment of created) expect(await comments.create(comment)).toEqual({ created: true });

    for (let limit = 1; limit <= 6; limit++) {
      const { items, pages } = await allPages((startKey) => comments.list(post.id, { limit, startKey }));
      expect(items).toEqual(created);
      expect(pages.every((page) => page.length > 0 && page.length <= limit)).toBe(true);
    }
    expect((await posts.find(post.id))?.post.commentCount).toBe(5);
  });

  it('lists an empty page for a post without comments, and null for a missing post', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);

    expect(await comments.list(post.id, { limit: 5 })).toEqual({ items: [], nextKey: null });
    expect(await comments.list('no-such-post', { limit: 5 })).toBeNull();
  });

  it('finds a comment together with its post', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);
    const comment = aComment(post.id);
    await comments.create(comment);

    expect(await comments.findWithPost(post.id, comment.id)).toEqual({
      post: { ...post, commentCount: 1 },
      comment,
    });
    expect(await comments.findWithPost(post.id, 'no-such-comment')).toEqual({
      post: { ...post, commentCount: 1 },
      comment: null,
    });
    expect(await comments.findWithPost('no-such-post', comment.id)).toEqual({ post: null, comment: null });
  });

  it('deletes a comment once: true, then false, and uncounts it once', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);
    const [gone, kept] = [aComment(post.id), aComment(post.id)];
    for (const comment of [gone, kept]) await comments.create(comment);

    const first = await comments.delete(post.id, gone.id);
    const second = await comments.delete(post.id, gone.id);

    expect([first, second]).toEqual([true, false]);
    expect(await comments.delete('no-such-post', kept.id)).toBe(false);
    expect((await comments.list(post.id, { limit: 10 }))?.items).toEqual([kept]);
    expect((await posts.find(post.id))?.post.commentCount).toBe(1);
  });
}
