import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(['memory', 'dynamodb'] as const)(
  'comments, favorites and profiles over HTTP (%s)',
  (provider) => {
    let api: TestApp;
    let alice: string;
    let bob: string;
    let carol: string;
    let postId: string;

    beforeAll(async () => {
      api = await startTestApp(provider);
      [alice, bob, carol] = await Promise.all([
        api.token('alice', 'Alice'),
        api.token('bob', 'Bob'),
        api.token('carol'),
      ]);
      postId = (await api.request('POST', '/api/posts', { token: alice, body: { title: 't', body: 'b' } }))
        .body.id;
    });
    afterAll(() => api.close());

    it('comments, lists oldest first and counts', async () => {
      const first = await api.request('POST', `/api/posts/${postId}/comments`, {
        token: bob,
        body: { body: 'first' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ postId, authorId: 'bob', authorName: 'Bob', body: 'first' });
      await api.request('POST', `/api/posts/${postId}/comments`, {
        token: carol,
        body: { body: 'second' },
      });
      const page = await api.request('GET', `/api/posts/${postId}/comments?limit=1`);
      expect(page.body.items.map((c: { body: string }) => c.body)).toEqual(['first']);
      const next = await api.request(
        'GET',
        `/api/posts/${postId}/comments?limit=1&cursor=${page.body.nextCursor}`,
      );
      expect(next.body.items.map((c: { body: string }) => c.body)).toEqual(['second']);
      expect((await api.request('GET', `/api/posts/${postId}`)).body.commentCount).toBe(2);
    });

    it('404s comments on a missing post', async () => {
      expect((await api.request('GET', '/api/posts/01NOPE/comments')).status).toBe(404);
      const create = await api.request('POST', '/api/posts/01NOPE/comments', {
        token: bob,
        body: { body: 'x' },
      });
      expect(create.status).toBe(404);
    });

    it('lets the comment author or post author delete a comment, nobody else', async () => {
      const { body: comment } = await api.request('POST', `/api/posts/${postId}/comments`, {
        token: bob,
        body: { body: 'to delete' },
      });
      const path = `/api/posts/${postId}/comments/${comment.id}`;
      expect((await api.request('DELETE', path, { token: carol })).status).toBe(403);
      expect((await api.request('DELETE', path, { token: alice })).status).toBe(204);
      expect((await api.request('DELETE', path, { token: bob })).status).toBe(404);
    });

    it('counts a favorite once and shows it as mine', async () => {
      for (let i = 0; i < 3; i++) {
        expect((await api.request('PUT', `/api/posts/${postId}/favorite`, { token: bob })).status).toBe(204);
      }
      const asBob = await api.request('GET', `/api/posts/${postId}`, { token: bob });
      expect(asBob.body).toMatchObject({ favoriteCount: 1, favoritedByMe: true });
      const asCarol = await api.request('GET', `/api/posts/${postId}`, { token: carol });
      expect(asCarol.body.favoritedByMe).toBe(false);
      const mine = await api.request('GET', '/api/me/favorites', { token: bob });
      expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([postId]);
      expect((await api.request('DELETE', `/api/posts/${postId}/favorite`, { token: bob })).status).toBe(204);
      expect((await api.request('DELETE', `/api/posts/${postId}/favorite`, { token: bob })).status).toBe(204);
      expect((await api.request('GET', `/api/posts/${postId}`)).body.favoriteCount).toBe(0);
      expect((await api.request('PUT', '/api/posts/01NOPE/favorite', { token: bob })).status).toBe(404);
    });

    // The read routes reuse a post's serialised view while it is the same (src/http/json-memo.ts): readers
    // taking turns on one post, as it changes between reads, must each still get their own view.
    it('answers each reader of a post, taking turns as it changes, with their own view', async () => {
      const read = async (token?: string) => {
        const options = token ? { token } : {};
        const one = await api.request('GET', `/api/posts/${postId}`, options);
        const list = await api.request('GET', '/api/posts', options);
        const listed = list.body.items.find((p: { id: string }) => p.id === postId);
        expect(listed).toEqual(one.body);
        return one.body as { favoritedByMe: boolean; favoriteCount: number; commentCount: number };
      };
      const favorite = (method: 'PUT' | 'DELETE', token: string) =>
        api.request(method, `/api/posts/${postId}/favorite`, { token });
      const comments = (await read()).commentCount;
      for (let turn = 0; turn < 2; turn++) {
        await favorite('PUT', bob);
        expect(await read(bob)).toMatchObject({ favoritedByMe: true, favoriteCount: 1 });
        expect(await read(carol)).toMatchObject({ favoritedByMe: false, favoriteCount: 1 });
        expect(await read()).toMatchObject({ favoritedByMe: false, favoriteCount: 1 });
        expect(await read(bob)).toMatchObject({ favoritedByMe: true, favoriteCount: 1 });
        await favorite('DELETE', bob);
        expect(await read(bob)).toMatchObject({ favoritedByMe: false, favoriteCount: 0 });
      }
      await api.request('POST', `/api/posts/${postId}/comments`, {
        token: carol,
        body: { body: 'one more' },
      });
      expect(await read()).toMatchObject({ commentCount: comments + 1 });
    });

    it('makes a profile on the first signed-in request and renames it', async () => {
      const dave = await api.token('dave', 'Dave D');
      const me = await api.request('GET', '/api/me', { token: dave });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ id: 'dave', displayName: 'Dave D', createdAt: expect.any(String) });
      const renamed = await api.request('PATCH', '/api/me', {
        token: dave,
        body: { displayName: '  David ' },
      });
      expect(renamed.body.displayName).toBe('David');
      expect((await api.request('PATCH', '/api/me', { token: dave, body: { displayName: '' } })).status).toBe(
        422,
      );
      expect((await api.request('GET', '/api/me')).status).toBe(401);
    });
  },
);
