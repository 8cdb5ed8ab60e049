import { describe, expect, it } from 'vitest';
import { alice, bob, domainKit } from '../../../test/support/domain-kit.js';

describe('FavoriteService', () => {
  it('counts a favorite once however often it is added, and removes idempotently', async () => {
    const { posts, favorites } = domainKit();
    const post = (await posts.create(alice, { title: 't', body: 'b' })).value;
    await favorites.add(bob, post.id);
    await favorites.add(bob, post.id);
    expect(await posts.get(post.id, 'bob')).toMatchObject({ favoriteCount: 1, favoritedByMe: true });
    expect(await posts.get(post.id, 'alice')).toMatchObject({ favoritedByMe: false });
    await favorites.remove(bob, post.id);
    await favorites.remove(bob, post.id);
    expect(await posts.get(post.id, 'bob')).toMatchObject({ favoriteCount: 0, favoritedByMe: false });
  });

  it('404s for a missing post', async () => {
    const { favorites } = domainKit();
    await expect(favorites.add(bob, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(favorites.remove(bob, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists my favorites, most recently favorited first, in pages', async () => {
    const { posts, favorites, clock } = domainKit();
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) ids.push((await posts.create(alice, { title, body: 'b' })).value.id);
    for (const id of [ids[1], ids[0], ids[2]]) {
      clock.advance(1000);
      await favorites.add(bob, id ?? '');
    }
    const first = await favorites.listMine(bob, { limit: 2 });
    expect(first.items.map((p) => [p.title, p.favoritedByMe])).toEqual([
      ['c', true],
      ['a', true],
    ]);
    const rest = await favorites.listMine(bob, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(rest).toMatchObject({ nextCursor: null, items: [{ title: 'b' }] });
  });
});
