import { describe, expect, it } from 'vitest';
import { alice, bob, domainKit } from '../../../test/support/domain-kit.js';

const carol = { userId: 'carol', displayName: 'Carol' };

async function postWithComment() {
  const kit = domainKit();
  const post = (await kit.posts.create(alice, { title: 't', body: 'b' })).value;
  const comment = (await kit.comments.create(bob, post.id, { body: '  Nice!  ' })).value;
  return { ...kit, post, comment };
}

describe('CommentService', () => {
  it('creates a trimmed comment and counts it on the post', async () => {
    const { posts, post, comment } = await postWithComment();
    expect(comment).toMatchObject({ postId: post.id, authorId: 'bob', authorName: 'Bob', body: 'Nice!' });
    expect((await posts.get(post.id)).commentCount).toBe(1);
  });

  it('refuses a comment on a missing post and an empty or oversized body', async () => {
    const { comments, post } = await postWithComment();
    await expect(comments.create(bob, 'nope', { body: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(comments.create(bob, post.id, { body: '  ' })).rejects.toMatchObject({
      code: 'validation_error',
    });
    await expect(comments.create(bob, post.id, { body: 'x'.repeat(2001) })).rejects.toMatchObject({
      code: 'validation_error',
    });
  });

  it('lists oldest first in pages, and 404s for a missing post', async () => {
    const { comments, post } = await postWithComment();
    await comments.create(alice, post.id, { body: 'second' });
    await comments.create(bob, post.id, { body: 'third' });
    const first = await comments.list(post.id, { limit: 2 });
    expect(first.items.map((c) => c.body)).toEqual(['Nice!', 'second']);
    const rest = await comments.list(post.id, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(rest).toMatchObject({ nextCursor: null, items: [{ body: 'third' }] });
    await expect(comments.list('nope', {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('replays an Idempotency-Key retry without a second comment', async () => {
    const { comments, posts, post } = await postWithComment();
    const first = await comments.create(carol, post.id, { body: 'once' }, 'k');
    expect(await comments.create(carol, post.id, { body: 'once' }, 'k')).toEqual({
      value: first.value,
      replayed: true,
    });
    expect((await posts.get(post.id)).commentCount).toBe(2);
  });

  it('lets the comment author or the post author delete, nobody else', async () => {
    const { comments, posts, post, comment } = await postWithComment();
    const second = (await comments.create(bob, post.id, { body: 'again' })).value;
    await expect(comments.delete(carol, post.id, comment.id)).rejects.toMatchObject({ code: 'forbidden' });
    await comments.delete(bob, post.id, comment.id);
    await comments.delete(alice, post.id, second.id);
    await expect(comments.delete(bob, post.id, comment.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await posts.get(post.id)).commentCount).toBe(0);
  });
});
