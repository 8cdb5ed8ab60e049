import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const errorShape = (code: string) => ({
  error: expect.objectContaining({ code, message: expect.any(String) }),
});

describe.each(['memory', 'dynamodb'] as const)('posts over HTTP (%s)', (provider) => {
  let api: TestApp;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    api = await startTestApp(provider);
    alice = await api.token('alice', 'Alice');
    bob = await api.token('bob', 'Bob');
  });
  afterAll(() => api.close());

  const createPost = (token: string, body: unknown = { title: 'Hello', body: 'World' }, headers = {}) =>
    api.request('POST', '/api/posts', { token, body, headers });

  it('creates a post with Location and ETag, and reads it back', async () => {
    const created = await createPost(alice, { title: ' Hello ', body: 'World', tags: ['intro'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/posts/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: 'Hello',
      authorId: 'alice',
      authorName: 'Alice',
      version: 1,
    });
    const read = await api.request('GET', `/api/posts/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"v1"');
    expect(read.body).toEqual({ ...created.body, favoritedByMe: false });
  });

  it('answers 404 in the error shape for a missing post', async () => {
    const response = await api.request('GET', '/api/posts/01NOPE');
    expect(response.status).toBe(404);
    expect(response.body).toEqual(errorShape('not_found'));
  });

  it('pages through posts newest first and refuses a tampered cursor', async () => {
    const author = await api.token('pager');
    for (let i = 0; i < 3; i++) await createPost(author, { title: `page-${i}`, body: 'b' });
    const first = await api.request('GET', '/api/posts?author=pager&limit=2');
    expect(first.body.items.map((p: { title: string }) => p.title)).toEqual(['page-2', 'page-1']);
    const second = await api.request(
      'GET',
      `/api/posts?author=pager&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ nextCursor: null, items: [{ title: 'page-0' }] });
    const tampered = `${first.body.nextCursor.slice(0, -3)}abc`;
    const bad = await api.request('GET', `/api/posts?author=pager&limit=2&cursor=${tampered}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(errorShape('bad_request'));
  });

  it.each(['limit=0', 'limit=101', 'limit=abc'])('refuses %s with 422 naming limit', async (query) => {
    const response = await api.request('GET', `/api/posts?${query}`);
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('needs a token to write, and refuses a bad one even on public routes', async () => {
    expect((await api.request('POST', '/api/posts', { body: { title: 't', body: 'b' } })).status).toBe(401);
    const bad = await api.request('GET', '/api/posts', { token: 'not.a.jwt' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(errorShape('unauthorized'));
    const malformed = await api.request('GET', '/api/posts', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });

  it('answers bad bodies with 400, 415, 422 and 413 and stores nothing', async () => {
    const before = (await api.request('GET', '/api/posts?author=alice&limit=100')).body.items.length;
    const malformed = await api.request('POST', '/api/posts', {
      token: alice,
      raw: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual(errorShape('bad_request'));
    const wrongType = await api.request('POST', '/api/posts', {
      token: alice,
      raw: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    const invalid = await createPost(alice, { title: '', body: 'b', tags: ['BAD TAG'] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'tags.0',
      'title',
    ]);
    const huge = await createPost(alice, { title: 't', body: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual(errorShape('payload_too_large'));
    expect((await api.request('GET', '/api/posts?author=alice&limit=100')).body.items.length).toBe(before);
  });

  it('lets only the author edit, with If-Match guarding against stale edits', async () => {
    const { body: post } = await createPost(alice);
    const path = `/api/posts/${post.id}`;
    expect((await api.request('PATCH', path, { token: bob, body: { title: 'x' } })).status).toBe(403);
    const edited = await api.request('PATCH', path, {
      token: alice,
      body: { title: 'v2' },
      headers: { 'if-match': '"v1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"v2"');
    expect(edited.body).toMatchObject({ title: 'v2', version: 2 });
    const stale = await api.request('PATCH', path, {
      token: alice,
      body: { title: 'v3' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual(errorShape('precondition_failed'));
    expect((await api.request('GET', path)).body.title).toBe('v2');
  });

  it('deletes a post with its comments and favorites', async () => {
    const { body: post } = await createPost(alice);
    await api.request('POST', `/api/posts/${post.id}/comments`, { token: bob, body: { body: 'hi' } });
    await api.request('PUT', `/api/posts/${post.id}/favorite`, { token: bob });
    expect((await api.request('DELETE', `/api/posts/${post.id}`, { token: bob })).status).toBe(403);
    const deleted = await api.request('DELETE', `/api/posts/${post.id}`, { token: alice });
    expect(deleted.status).toBe(204);
    expect((await api.request('GET', `/api/posts/${post.id}`)).status).toBe(404);
    expect((await api.request('GET', `/api/posts/${post.id}/comments`)).status).toBe(404);
    const favorites = await api.request('GET', '/api/me/favorites', { token: bob });
    expect(favorites.body.items.map((p: { id: string }) => p.id)).not.toContain(post.id);
  });

  it('replays a POST with the same Idempotency-Key and refuses another body with it', async () => {
    const headers = { 'idempotency-key': `k-${provider}` };
    const first = await createPost(alice, { title: 'once', body: 'b' }, headers);
    const retry = await createPost(alice, { title: 'once', body: 'b' }, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const other = await createPost(alice, { title: 'twice', body: 'b' }, headers);
    expect(other.status).toBe(422);
  });
});
