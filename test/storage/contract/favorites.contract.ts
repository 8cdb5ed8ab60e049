import { expect, it } from 'vitest';
import { NotFoundError } from '../../../src/domain/shared/errors.js';
import type { Storage } from '../../../src/domain/storage.js';
import { allPages, aPost } from '../../support/storage-fixtures.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

export function favoriteContract(fresh: () => Promise<Storage>): void {
  it('counts a favorite once however often it is added, and removes it idempotently', async () => {
    const { posts, favorites } = await fresh();
    const post = aPost();
    await posts.create(post);

    await favorites.add('bob', post.id, at(1));
    await favorites.add('bob', post.id, at(2));
    await favorites.add('carol', post.id, at(3));
    const counted = (await posts.find(post.id))?.post.favoriteCount;
    await favorites.remove('bob', post.id);
    await favorites.remove('bob', post.id);

    expect(counted).toBe(2);
    expect(await posts.find(post.id, 'bob')).toMatchObject({
      post: { favoriteCount: 1 },
      favoritedByViewer: false,
    });
    expect(await posts.find(post.id, 'carol')).toMatchObject({ favoritedByViewer: true });
  });

  it('refuses to add or remove a favorite of a missing post', async () => {
    const { favorites } = await fresh();

    await expect(favorites.add('bob', 'no-such-post', at(1))).rejects.toThrowError(NotFoundError);
    await expect(favorites.remove('bob', 'no-such-post')).rejects.toThrowError(
      'No post with id "no-such-post".',
    );
  });

  it('lists a user’s favorites most recently favorited first, in pages of any size', async () => {
    const { posts, favorites } = await fresh();
    const [a, b, c, d] = [aPost({ title: 'a' }), aPost({ title: 'b' }), aPost({ title: 'c' }), aPost()];
    for (const post of [a, b, c, d]) await posts.create(post);
    await favorites.add('bob', b.id, at(1));
    await favorites.add('bob', a.id, at(2));
    await favorites.add('bob', c.id, at(3));
    await favorites.add('carol', d.id, at(4));

    for (let limit = 1; limit <= 4; limit++) {
      const { items, pages } = await allPages((startKey) => favorites.listByUser('bob', { limit, startKey }));
      expect(items.map((read) => [read.post.title, read.favoritedByViewer])).toEqual([
        ['c', true],
        ['a', true],
        ['b', true],
      ]);
      expect(pages.every((page) => page.length > 0 && page.length <= limit)).toBe(true);
    }
    expect((await favorites.listByUser('dave', { limit: 5 })).items).toEqual([]);
  });
}
