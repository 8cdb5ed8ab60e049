import { expect, it } from 'vitest';
import type { Storage } from '../../../src/domain/storage.js';
import { aComment, allPages, aPost } from '../../support/storage-fixtures.js';

export function postContract(fresh: () => Promise<Storage>): void {
  it('stores a post and finds it as stored, and finds nothing for an unknown id', async () => {
    const { posts } = await fresh();
    const post = aPost({ tags: [], imageKey: 'uploads/alice/a.png' });

    expect(await posts.create(post)).toEqual({ created: true });

    expect(await posts.find(post.id)).toEqual({ post, favoritedByViewer: false });
    expect(await posts.find('no-such-post')).toBeNull();
    expect(await posts.find('no-such-post', 'bob')).toBeNull();
  });

  it('lists newest first, and only the author’s posts with the author filter', async () => {
    const { posts } = await fresh();
    const [a, b, c] = [
      aPost({ authorId: 'alice' }),
      aPost({ authorId: 'bob' }),
      aPost({ authorId: 'alice' }),
    ];
    for (const post of [a, b, c]) await posts.create(post);

    const all = await posts.list({}, { limit: 10 });
    const alices = await posts.list({ authorId: 'alice' }, { limit: 10 });

    expect(all).toEqual({
      items: [c, b, a].map((post) => ({ post, favoritedByViewer: false })),
      nextKey: null,
    });
    expect(alices.items.map((read) => read.post.id)).toEqual([c.id, a.id]);
    expect((await posts.list({ authorId: 'carol' }, { limit: 10 })).items).toEqual([]);
  });

  it('lists every post as it is now, after posts are added, edited, commented on and deleted', async () => {
    const { posts, comments } = await fresh();
    const [a, b, c] = [
      aPost({ authorId: 'alice' }),
      aPost({ authorId: 'bob' }),
      aPost({ authorId: 'carol' }),
    ];
    const listed = async () =>
      (await posts.list({}, { limit: 10 })).items.map(({ post }) => [post.title, post.commentCount]);
    await posts.create(a);
    expect(await listed()).toEqual([[a.title, 0]]);

    await posts.create(b);
    expect(await listed()).toEqual([
      [b.title, 0],
      [a.title, 0],
    ]);
    await posts.update(a.id, { title: 'Edited', updatedAt: a.updatedAt }, a.version);
    expect(await listed()).toEqual([
      [b.title, 0],
      ['Edited', 0],
    ]);
    await comments.create(aComment(b.id));
    expect(await listed()).toEqual([
      [b.title, 1],
      ['Edited', 0],
    ]);
    await posts.create(c);
    expect(await listed()).toEqual([
      [c.title, 0],
      [b.title, 1],
      ['Edited', 0],
    ]);
    await posts.delete(b.id, b.version);
    expect(await listed()).toEqual([
      [c.title, 0],
      ['Edited', 0],
    ]);
  });

  it('pages through every post with any limit, without duplicates or gaps', async () => {
    const { posts } = await fresh();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(aPost({ authorId: i % 2 ? 'bob' : 'alice' }));
    for (const post of created) await posts.create(post);
    const newestFirst = created.map((post) => post.id).reverse();

    for (let limit = 1; limit <= 6; limit++) {
      const { items, pages } = await allPages((startKey) => posts.list({}, { limit, startKey }));
      const bobs = await allPages((startKey) => posts.list({ authorId: 'bob' }, { limit, startKey }));

      expect(items.map((read) => read.post.id)).toEqual(newestFirst);
      expect(pages.every((page) => page.length > 0 && page.length <= limit)).toBe(true);
      expect(bobs.items.map((read) => read.post.id)).toEqual(newestFirst.filter((_, i) => i % 2 === 1));
    }
  });

  it('tells a viewer which posts they favorited, in find and in list', async () => {
    const { posts, favorites } = await fresh();
    const [liked, other] = [aPost(), aPost()];
    for (const post of [liked, other]) await posts.create(post);
    await favorites.add('bob', liked.id, new Date().toISOString());

    const flags = (await posts.list({ viewerId: 'bob' }, { limit: 10 })).items.map((read) => [
      read.post.id,
      read.favoritedByViewer,
    ]);

    expect(await posts.find(liked.id, 'bob')).toMatchObject({ favoritedByViewer: true });
    expect(await posts.find(liked.id, 'carol')).toMatchObject({ favoritedByViewer: false });
    expect(await posts.find(liked.id)).toMatchObject({ favoritedByViewer: false });
    expect(flags).toEqual([
      [other.id, false],
      [liked.id, true],
    ]);
  });

  it('updates at the expected version only, bumping the version and leaving the counts alone', async () => {
    const { posts, comments, favorites } = await fresh();
    const post = aPost();
    await posts.create(post);
    await comments.create(aComment(post.id));
    await favorites.add('bob', post.id, new Date().toISOString());
    const changes = {
      title: 'New title',
      tags: ['a', 'b'],
      imageKey: null,
      updatedAt: '2030-01-01T00:00:00.000Z',
    };

    const updated = await posts.update(post.id, changes, 1);
    const stale = await posts.update(post.id, { title: 'Lost', updatedAt: changes.updatedAt }, 1);

    expect(updated).toEqual({ ...post, ...changes, version: 2, commentCount: 1, favoriteCount: 1 });
    expect(stale).toBeNull();
    expect(await posts.update('no-such-post', changes, 1)).toBeNull();
    expect((await posts.find(post.id))?.post).toEqual(updated);
  });

  it('deletes at the expected version only, taking its comments and favorites with it', async () => {
    const { posts, comments, favorites } = await fresh();
    const [post, kept] = [aPost(), aPost()];
    for (const p of [post, kept]) await posts.create(p);
    for (let i = 0; i < 3; i++) await comments.create(aComment(post.id));
    for (const id of [post.id, kept.id]) await favorites.add('bob', id, new Date().toISOString());

    const wrongVersion = await posts.delete(post.id, 7);
    const deleted = await posts.delete(post.id, 1);

    expect(wrongVersion).toBe(false);
    expect(deleted).toBe(true);
    expect(await posts.find(post.id)).toBeNull();
    expect(await posts.delete(post.id, 1)).toBe(false);
    expect(await comments.list(post.id, { limit: 10 })).toBeNull();
    const bobs = await favorites.listByUser('bob', { limit: 10 });
    expect(bobs.items.map((read) => read.post.id)).toEqual([kept.id]);
    expect((await posts.list({}, { limit: 10 })).items.map((read) => read.post.id)).toEqual([kept.id]);
  });
}
