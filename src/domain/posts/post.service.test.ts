import { describe, expect, it } from 'vitest';
import { alice, bob, domainKit } from '../../../test/support/domain-kit.js';
import { PNG_HEAD } from '../../../test/support/memory-image-store.js';
import type { IdGenerator } from '../shared/clock.js';
import { etagOf, versionFromEtag } from './post.js';
import { PostService } from './post.service.js';
import { PostSweepService } from './post-sweep.service.js';

const draft = { title: '  Hello  ', body: ' First post ', tags: ['news', 'news', 'aws'] };

describe('PostService', () => {
  it('creates a post with trimmed fields, unique tags, zero counts and version 1', async () => {
    const { posts } = domainKit();
    const { value, replayed } = await posts.create(alice, draft);
    expect(replayed).toBe(false);
    expect(value).toMatchObject({
      authorId: 'alice',
      authorName: 'Alice',
      title: 'Hello',
      body: 'First post',
      tags: ['news', 'aws'],
      imageKey: null,
      imageUrl: null,
      version: 1,
      commentCount: 0,
      favoriteCount: 0,
      favoritedByMe: false,
    });
    expect(await posts.get(value.id)).toEqual(value);
  });

  it.each([
    [{ title: '', body: 'b' }, 'title'],
    [{ title: '   ', body: 'b' }, 'title'],
    [{ title: 'x'.repeat(201), body: 'b' }, 'title'],
    [{ title: 't', body: 'b'.repeat(20_001) }, 'body'],
    [{ title: 't', body: 'b', tags: ['Upper'] }, 'tags.0'],
    [{ title: 't', body: 'b', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    [{ title: 't', body: 'b', extra: 1 }, 'extra'],
    [{ body: 'b' }, 'title'],
  ])('refuses %o naming the field %s', async (input, field) => {
    const { posts } = domainKit();
    await expect(posts.create(alice, input)).rejects.toMatchObject({
      code: 'validation_error',
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it('returns the first answer for a retried Idempotency-Key and creates nothing new', async () => {
    const { posts } = domainKit();
    const first = await posts.create(alice, draft, 'key-1');
    const retry = await posts.create(alice, draft, 'key-1');
    expect(retry).toEqual({ value: first.value, replayed: true });
    expect((await posts.list({})).items).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key with another body', async () => {
    const { posts } = domainKit();
    await posts.create(alice, draft, 'key-1');
    await expect(posts.create(alice, { ...draft, title: 'Other' }, 'key-1')).rejects.toMatchObject({
      code: 'validation_error',
    });
  });

  it('keeps Idempotency-Keys per user', async () => {
    const { posts } = domainKit();
    await posts.create(alice, draft, 'key-1');
    expect((await posts.create(bob, draft, 'key-1')).replayed).toBe(false);
  });

  it('lets only the author edit, bumping the version', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    await expect(posts.update(bob, value.id, { title: 'Mine now' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const edited = await posts.update(alice, value.id, { title: ' Edited ', tags: [] });
    expect(edited).toMatchObject({ title: 'Edited', body: 'First post', tags: [], version: 2 });
  });

  it('refuses an edit with a stale If-Match and accepts the current one', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    await posts.update(alice, value.id, { body: 'v2' });
    await expect(posts.update(alice, value.id, { body: 'v3' }, [1])).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect(await posts.update(alice, value.id, { body: 'v3' }, [2])).toMatchObject({
      body: 'v3',
      version: 3,
    });
  });

  it('lands every one of an author’s simultaneous edits when none sends If-Match', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    const edits = Array.from({ length: 12 }, (_, i) => posts.update(alice, value.id, { body: `edit ${i}` }));
    const settled = await Promise.allSettled(edits);
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
    expect((await posts.get(value.id)).version).toBe(13);
  });

  it('answers edits past the retry bound with conflict, never precondition_failed, and loses none that landed', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    const edits = Array.from({ length: 30 }, (_, i) => posts.update(alice, value.id, { body: `edit ${i}` }));
    const settled = await Promise.allSettled(edits);
    const refused = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason.code] : []));
    expect(new Set(refused)).toEqual(new Set(['conflict']));
    expect((await posts.get(value.id)).version).toBe(1 + settled.length - refused.length);
  });

  it('treats an If-Match we never issued as stale', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    await expect(posts.update(alice, value.id, { body: 'x' }, [])).rejects.toMatchObject({
      code: 'precondition_failed',
    });
  });

  it('refuses an empty edit', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, draft);
    await expect(posts.update(alice, value.id, {})).rejects.toMatchObject({ code: 'validation_error' });
  });

  it('keeps the version of a post an edit leaves as it is, so no other editor’s ETag goes stale', async () => {
    const { posts } = domainKit();
    const { value } = await posts.create(alice, { ...draft, tags: ['a'] });

    for (const same of [
      { title: ' Hello ' },
      { imageKey: null },
      { tags: ['a', 'a'] },
      { body: value.body },
    ]) {
      expect(await posts.update(alice, value.id, same, [1])).toEqual(value);
    }
    expect(await posts.get(value.id)).toEqual(value);
    // A precondition still holds it to the version it names, and a real change still moves it on.
    await expect(posts.update(alice, value.id, { title: 'Hello' }, [7])).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    expect((await posts.update(alice, value.id, { tags: ['b'] }, [1])).version).toBe(2);
  });

  it('lists a post whose picture took long to copy among the posts of its own time', async () => {
    const { storage, uploads, imageStore, clock, cursors } = domainKit();
    // Ids that sort in the order they are taken, as ULIDs do; the copy of the picture waits until released.
    let taken = 0;
    const ids: IdGenerator = { next: () => String(++taken).padStart(6, '0') };
    let release: () => void = () => {};
    const copied = new Promise<void>((resolve) => {
      release = resolve;
    });
    const images = Object.assign(Object.create(uploads), {
      claim: async (userId: string, key: string) => {
        await copied;
        return uploads.claim(userId, key);
      },
    });
    const posts = new PostService({ posts: storage.posts, images, cursors, clock, ids });
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/png', size: PNG_HEAD.length });
    imageStore.put(ticket.key, 'image/png', PNG_HEAD);

    const pictured = posts.create(alice, { ...draft, title: 'older', imageKey: ticket.key });
    clock.advance(1000);
    await posts.create(bob, { ...draft, title: 'newer' });
    release();
    await pictured;

    const listed = (await posts.list({})).items;
    expect(listed.map((post) => post.title)).toEqual(['newer', 'older']);
    expect([...listed].sort((a, b) => b.createdAt.localeCompare(a.createdAt))).toEqual(listed);
  });

  it('shows only images the author uploaded, keeps them while shown and deletes them after', async () => {
    const { posts, uploads, imageStore, storage } = domainKit();
    const upload = async (actor = alice) => {
      const ticket = await uploads.requestUpload(actor, { contentType: 'image/png', size: PNG_HEAD.length });
      imageStore.put(ticket.key, 'image/png', PNG_HEAD);
      return ticket.key;
    };
    const first = await upload();
    const { value } = await posts.create(alice, { ...draft, imageKey: first });
    // The post keeps a frozen copy under images/, which no upload URL can write.
    const firstImage = value.imageKey ?? '';
    expect(firstImage).toMatch(/^images\/alice\/[0-9a-z]{26}\.png$/);
    expect(value.imageUrl).toMatch(`https://images.test/${firstImage}?expires=`);
    expect(imageStore.objects.get(firstImage)?.state).toBe('attached');
    await expect(posts.create(bob, { ...draft, imageKey: first })).rejects.toMatchObject({
      code: 'validation_error',
      details: [{ field: 'imageKey', message: expect.stringMatching(/upload you made/) }],
    });
    // Sending back the key the post shows changes nothing.
    expect((await posts.update(alice, value.id, { imageKey: firstImage })).imageKey).toBe(firstImage);

    const second = await upload();
    const { imageKey: secondImage } = await posts.update(alice, value.id, { imageKey: second });
    expect(imageStore.objects.has(firstImage)).toBe(false);
    expect(await posts.update(alice, value.id, { imageKey: null })).toMatchObject({
      imageKey: null,
      imageUrl: null,
    });
    expect(imageStore.objects.has(secondImage ?? '')).toBe(false);

    const third = await upload();
    const { value: another } = await posts.create(alice, { ...draft, imageKey: third });
    await posts.delete(alice, another.id);
    // Deleting answers once the post is gone; the image goes with the sweep that follows.
    expect(imageStore.objects.has(another.imageKey ?? '')).toBe(true);
    await new PostSweepService({ posts: storage.posts, images: uploads }).sweep(another);
    expect(imageStore.objects.has(another.imageKey ?? '')).toBe(false);
  });

  it('discards the frozen copy when the write that would show it fails', async () => {
    const { posts, uploads, imageStore } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/png', size: PNG_HEAD.length });
    imageStore.put(ticket.key, 'image/png', PNG_HEAD);
    const { value } = await posts.create(alice, draft);
    await expect(posts.update(alice, value.id, { imageKey: ticket.key }, [99])).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    const replayed = await posts.create(alice, { ...draft, imageKey: ticket.key }, 'idem-1');
    const again = await posts.create(alice, { ...draft, imageKey: ticket.key }, 'idem-1');
    expect(again).toMatchObject({ replayed: true, value: { imageKey: replayed.value.imageKey } });
    expect([...imageStore.objects.keys()].sort()).toEqual([replayed.value.imageKey, ticket.key].sort());
  });

  it('deletes only for the author, with its comments and favorites', async () => {
    const { posts, comments, favorites } = domainKit();
    const { value } = await posts.create(alice, draft);
    await comments.create(bob, value.id, { body: 'hi' });
    await favorites.add(bob, value.id);
    await expect(posts.delete(bob, value.id)).rejects.toMatchObject({ code: 'forbidden' });
    await posts.delete(alice, value.id);
    await expect(posts.get(value.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(comments.list(value.id, {})).rejects.toMatchObject({ code: 'not_found' });
    expect((await favorites.listMine(bob, {})).items).toEqual([]);
  });

  it('pages newest first with signed cursors, filtered by author', async () => {
    const { posts } = domainKit();
    for (let i = 0; i < 5; i++) await posts.create(i % 2 ? bob : alice, { title: `p${i}`, body: 'b' });
    const first = await posts.list({ limit: 2 });
    expect(first.items.map((p) => p.title)).toEqual(['p4', 'p3']);
    const second = await posts.list({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((p) => p.title)).toEqual(['p2', 'p1']);
    const byBob = await posts.list({ authorId: 'bob', limit: 10 });
    expect(byBob).toMatchObject({ nextCursor: null });
    expect(byBob.items.map((p) => p.title)).toEqual(['p3', 'p1']);
    await expect(posts.list({ authorId: 'bob', cursor: first.nextCursor ?? '' })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});

describe('ETags', () => {
  it('round-trips the version and ignores anything else', () => {
    expect(versionFromEtag(etagOf({ version: 7 }))).toBe(7);
    // If-Match takes the strong comparison: a weak tag never matches (RFC 9110 §13.1.1).
    expect(versionFromEtag('W/"v7"')).toBeNull();
    expect(versionFromEtag('"7"')).toBeNull();
    expect(versionFromEtag('"v99999999999999999999"')).toBeNull();
  });
});
