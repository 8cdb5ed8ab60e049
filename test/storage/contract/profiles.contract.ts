import { expect, it } from 'vitest';
import { AuthorRenamedError } from '../../../src/domain/profiles/author-renamed.js';
import type { Storage } from '../../../src/domain/storage.js';
import { aClaim, aComment, aPost } from '../../support/storage-fixtures.js';

export function profileContract(fresh: () => Promise<Storage>): void {
  it('creates a profile once and returns the first one after', async () => {
    const { profiles } = await fresh();
    const first = { id: 'u1', displayName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };

    const created = await profiles.getOrCreate(first);
    const again = await profiles.getOrCreate({ ...first, displayName: 'Someone else', createdAt: 'later' });

    expect(created).toEqual(first);
    expect(again).toEqual(first);
  });

  it('gives every racing first request the same profile', async () => {
    const { profiles } = await fresh();

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        profiles.getOrCreate({
          id: 'u2',
          displayName: `name ${i}`,
          createdAt: `2026-01-01T00:00:0${i}.000Z`,
        }),
      ),
    );

    expect(new Set(results.map((profile) => JSON.stringify(profile))).size).toBe(1);
  });

  it('finds a stored profile as of now, and null for none', async () => {
    const { profiles } = await fresh();
    await profiles.getOrCreate({ id: 'u4', displayName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' });
    await profiles.rename('u4', 'Grace');

    expect(await profiles.find('u4')).toMatchObject({ id: 'u4', displayName: 'Grace' });
    expect(await profiles.find('nobody')).toBeNull();
  });

  it('renames an existing profile, and returns null for a missing one', async () => {
    const { profiles } = await fresh();
    const profile = { id: 'u3', displayName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };
    await profiles.getOrCreate(profile);

    const renamed = await profiles.rename('u3', 'Grace');

    expect(renamed).toEqual({ ...profile, displayName: 'Grace' });
    expect(await profiles.getOrCreate(profile)).toEqual(renamed);
    expect(await profiles.rename('nobody', 'Grace')).toBeNull();
  });
}

/** A post or comment stamped with a name its author's profile no longer holds is refused, with the name it holds. */
export function authorNameContract(fresh: () => Promise<Storage>): void {
  const renamedAuthor = async () => {
    const storage = await fresh();
    await storage.profiles.getOrCreate({
      id: 'ada',
      displayName: 'Ada',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await storage.profiles.rename('ada', 'Grace');
    return storage;
  };

  it('refuses a post stamped with the author’s old name, and stores nothing', async () => {
    const { posts } = await renamedAuthor();
    const post = aPost({ authorId: 'ada', authorName: 'Ada' });

    const refused = await posts.create(post).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(AuthorRenamedError);
    expect((refused as AuthorRenamedError).currentName).toBe('Grace');
    expect(await posts.find(post.id)).toBeNull();
    expect(await posts.create({ ...post, authorName: 'Grace' })).toEqual({ created: true });
  });

  it('refuses a comment stamped with the author’s old name, and counts nothing', async () => {
    const { posts, comments } = await renamedAuthor();
    const post = aPost({ authorId: 'ada', authorName: 'Grace' });
    await posts.create(post);
    const comment = aComment(post.id, { authorId: 'ada', authorName: 'Ada' });

    const refused = await comments.create(comment).catch((error: unknown) => error);

    expect((refused as AuthorRenamedError).currentName).toBe('Grace');
    expect((await comments.list(post.id, { limit: 10 }))?.items).toEqual([]);
    expect((await posts.find(post.id))?.post.commentCount).toBe(0);
  });

  it('replays a used Idempotency-Key whatever the name is now', async () => {
    const storage = await fresh();
    await storage.profiles.getOrCreate({
      id: 'ada',
      displayName: 'Ada',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const claim = aClaim({ userId: 'ada' });
    const first = aPost({ authorId: 'ada', authorName: 'Ada' });
    await storage.posts.create(first, claim);
    await storage.profiles.rename('ada', 'Grace');

    const retried = await storage.posts.create(aPost({ authorId: 'ada', authorName: 'Ada' }), claim);

    expect(retried).toMatchObject({
      created: false,
      previous: { result: { id: first.id, authorName: 'Ada' } },
    });
  });

  it('holds no author without a profile to a name', async () => {
    const { posts } = await fresh();

    expect(await posts.create(aPost({ authorId: 'nobody', authorName: 'Anyone' }))).toEqual({
      created: true,
    });
  });
}
