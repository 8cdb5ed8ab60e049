import { expect, it } from 'vitest';
import type { Storage } from '../../../src/domain/storage.js';
import { aClaim, aComment, aPost } from '../../support/storage-fixtures.js';

export function idempotencyContract(fresh: () => Promise<Storage>): void {
  it('answers a reused post claim with the first post and its fingerprint, creating nothing', async () => {
    const { posts } = await fresh();
    const claim = aClaim({ fingerprint: 'first-body' });
    const first = aPost();
    const retry = aPost();

    const created = await posts.create(first, claim);
    const replayed = await posts.create(retry, { ...claim, fingerprint: 'second-body' });

    expect(created).toEqual({ created: true });
    expect(replayed).toEqual({ created: false, previous: { fingerprint: 'first-body', result: first } });
    expect(await posts.find(retry.id)).toBeNull();
    expect((await posts.list({}, { limit: 10 })).items.map((read) => read.post.id)).toEqual([first.id]);
  });

  it('answers a reused comment claim with the first comment, counting it once', async () => {
    const { posts, comments } = await fresh();
    const post = aPost();
    await posts.create(post);
    const claim = aClaim({ userId: 'bob' });
    const first = aComment(post.id);

    await comments.create(first, claim);
    const replayed = await comments.create(aComment(post.id), claim);

    expect(replayed).toEqual({ created: false, previous: { fingerprint: claim.fingerprint, result: first } });
    expect((await comments.list(post.id, { limit: 10 }))?.items).toEqual([first]);
    expect((await posts.find(post.id))?.post.commentCount).toBe(1);
  });

  it('keeps claims apart per user and per key', async () => {
    const { posts } = await fresh();
    const claim = aClaim({ userId: 'alice', key: 'k' });

    await posts.create(aPost(), claim);
    const otherUser = await posts.create(aPost(), { ...claim, userId: 'bob' });
    const otherKey = await posts.create(aPost(), { ...claim, key: 'k2' });

    expect([otherUser, otherKey]).toEqual([{ created: true }, { created: true }]);
  });

  it('lets an expired claim be made again', async () => {
    const { posts } = await fresh();
    const now = Math.floor(Date.now() / 1000);
    const old = aClaim({ issuedAt: now - 200_000, expiresAt: now - 100_000 });
    await posts.create(aPost(), old);
    const again = aPost();

    const outcome = await posts.create(again, { ...old, issuedAt: now, expiresAt: now + 86_400 });

    expect(outcome).toEqual({ created: true });
    expect(await posts.find(again.id)).not.toBeNull();
  });
}
