import { expect, it } from 'vitest';
import { NotFoundError } from '../../../src/domain/shared/errors.js';
import type { StoreKey } from '../../../src/domain/shared/page.js';
import type { Storage } from '../../../src/domain/storage.js';
import { aComment, allPages, aPost } from '../../support/storage-fixtures.js';

/** Every page of a rename, at `limit` a page; returns how many pages it took. */
async function renameAll(
  store: Pick<Storage['posts'], 'renameAuthor'>,
  authorId: string,
  name: string,
  limit: number,
): Promise<number> {
  let pages = 0;
  let startKey: StoreKey | null = null;
  do {
    pages += 1;
    startKey = await store.renameAuthor(authorId, name, startKey ? { limit, startKey } : { limit });
  } while (startKey);
  return pages;
}

/** What the work after a write (the table's stream, the memory change feed) relies on from storage. */
export function afterWritesContract(fresh: () => Promise<Storage>): void {
  it('closes a deleted post at once, and sweeps its remains later, a second sweep changing nothing', async () => {
    const { posts, comments, favorites } = await fresh();
    const [post, kept] = [aPost(), aPost()];
    for (const p of [post, kept]) await posts.create(p);
    const written = [aComment(post.id), aComment(post.id)];
    for (const comment of written) await comments.create(comment);
    for (const id of [post.id, kept.id]) await favorites.add('bob', id, new Date().toISOString());

    expect(await posts.delete(post.id, 1)).toBe(true);

    expect(await posts.find(post.id)).toBeNull();
    expect(await comments.list(post.id, { limit: 10 })).toBeNull();
    await expect(comments.create(aComment(post.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(favorites.add('carol', post.id, new Date().toISOString())).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await posts.sweepRemains(post.id);
    await posts.sweepRemains(post.id);

    for (const comment of written) {
      expect((await comments.findWithPost(post.id, comment.id)).comment).toBeNull();
    }
    const bobs = await favorites.listByUser('bob', { limit: 10 });
    expect(bobs.items.map((read) => read.post.id)).toEqual([kept.id]);
    expect((await posts.find(kept.id))?.post.favoriteCount).toBe(1);
  });

  it('copies a new author name to their posts only, page by page, leaving versions alone', async () => {
    const { posts } = await fresh();
    const theirs = [aPost({ authorId: 'dana' }), aPost({ authorId: 'dana' }), aPost({ authorId: 'dana' })];
    const other = aPost({ authorId: 'erin', authorName: 'Erin' });
    for (const post of [...theirs, other]) await posts.create(post);

    expect(await renameAll(posts, 'dana', 'Dana B.', 2)).toBeGreaterThanOrEqual(2);
    await renameAll(posts, 'dana', 'Dana B.', 2);

    const { items } = await allPages((startKey) =>
      posts.list({}, startKey ? { limit: 10, startKey } : { limit: 10 }),
    );
    expect(items).toHaveLength(4);
    for (const { post } of items) {
      const expected = theirs.find((p) => p.id === post.id);
      expect(post.authorName).toBe(expected ? 'Dana B.' : 'Erin');
      expect(post.version).toBe(1);
    }
  });

  it('copies a new author name to their comments only, on every post, page by page', async () => {
    const { posts, comments } = await fresh();
    const [first, second] = [aPost(), aPost()];
    for (const post of [first, second]) await posts.create(post);
    const theirs = [
      aComment(first.id, { authorId: 'dana', authorName: 'Dana' }),
      aComment(second.id, { authorId: 'dana', authorName: 'Dana' }),
      aComment(second.id, { authorId: 'dana', authorName: 'Dana' }),
    ];
    const other = aComment(first.id, { authorId: 'erin', authorName: 'Erin' });
    for (const comment of [...theirs, other]) await comments.create(comment);

    expect(await renameAll(comments, 'dana', 'Dana B.', 2)).toBeGreaterThanOrEqual(2);
    await renameAll(comments, 'dana', 'Dana B.', 2);

    for (const post of [first, second]) {
      for (const comment of (await comments.list(post.id, { limit: 10 }))?.items ?? []) {
        expect(comment.authorName).toBe(comment.authorId === 'dana' ? 'Dana B.' : 'Erin');
      }
    }
  });
}
