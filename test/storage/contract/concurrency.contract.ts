import { expect, it } from 'vitest';
import { NotFoundError } from '../../../src/domain/shared/errors.js';
import type { Storage } from '../../../src/domain/storage.js';
import { aComment, aPost, failuresOf } from '../../support/storage-fixtures.js';

export function concurrencyContract(fresh: () => Promise<Storage>): void {
  it('counts one favorite when the same user adds it 20 times at once', async () => {
    const { posts, favorites } = await fresh();
    const post = aPost();
    await posts.create(post);

    const failures = await failuresOf(
      Array.from({ length: 20 }, () => favorites.add('bob', post.id, new Date().toISOString())),
    );

    expect(failures).toEqual([]);
    expect((await posts.find(post.id))?.post.favoriteCount).toBe(1);
  });

  it('keeps favoriteCount equal to the favorites stored through storms of adds and removes', async () => {
    const { posts, favorites } = await fresh();
    const post = aPost();
    await posts.create(post);
    const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);

    const failures = await failuresOf(
      users.flatMap((user, u) =>
        Array.from({ length: 6 }, (_, step) =>
          (u + step) % 3 === 0 ? favorites.remove(user, post.id) : favorites.add(user, post.id, `${step}`),
        ),
      ),
    );

    const stored = await Promise.all(users.map((user) => posts.find(post.id, user)));
    expect(failures).toEqual([]);
    expect((await posts.find(post.id))?.post.favoriteCount).toBe(
      stored.filter((read) => read?.favoritedByViewer).length,
    );
  });

  it('counts all 30 comments created at once', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);

    const failures = await failuresOf(Array.from({ length: 30 }, () => comments.create(aComment(post.id))));

    expect(failures).toEqual([]);
    expect((await posts.find(post.id))?.post.commentCount).toBe(30);
    expect((await comments.list(post.id, { limit: 100 }))?.items).toHaveLength(30);
  });

  it('leaves no comments behind when comments race the post’s deletion', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);

    const before = Array.from({ length: 10 }, () => comments.create(aComment(post.id)));
    const deletion = posts.delete(post.id, 1);
    const after = Array.from({ length: 10 }, () => comments.create(aComment(post.id)));
    const failures = await failuresOf([...before, deletion, ...after]);

    expect(await deletion).toBe(true);
    expect(failures.every((failure) => failure instanceof NotFoundError)).toBe(true);
    expect(await comments.list(post.id, { limit: 100 })).toBeNull();
    expect(await posts.find(post.id)).toBeNull();
  });
}
