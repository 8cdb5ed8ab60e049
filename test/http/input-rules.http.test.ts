import { gzipSync } from 'node:zlib';
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIssuerToken } from '../support/local-issuer-token.js';
import { type ApiResponse, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The input rules of the contract where an audit found them loose: Unicode trimming and control characters,
 * If-Match lists, author ids, placeholder names, query and path parameters, request headers. Each refusal
 * is checked to change nothing.
 */
describe('input rules over HTTP', () => {
  let api: TestApp;
  let alice: string;
  const tokenWith = (claims: JWTPayload) => localIssuerToken(api.dataDir, claims);
  const fieldsOf = (answer: ApiResponse) =>
    (answer.body.error?.details ?? []).map((d: { field: string }) => d.field).sort();
  const postsBy = async (author: string) =>
    (await api.request('GET', `/api/posts?limit=100&author=${encodeURIComponent(author)}`)).body.items;
  const newPost = async (token = alice) =>
    (await api.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } })).body;

  beforeAll(async () => {
    api = await startTestApp('memory');
    alice = await api.token('alice', 'Alice');
  });
  afterAll(() => api.close());

  describe('text is trimmed of every invisible character at its ends', () => {
    it.each([
      ['NEL', '\u0085'],
      ['an interlinear annotation anchor', '\ufff9'],
      ['a shorthand format control', '\u{1bca0}'],
      ['a musical format control', '\u{1d173}'],
      ['the language tag', '\u{e0001}'],
      ['tag characters with nothing before them', '\u{e0020}\u{e007f}'],
      ['a variation selector with nothing before it', '\ufe0f'],
      ['another variation selector', '\ufe00'],
    ])('refuses a title made only of %s with 422 naming it, storing nothing', async (_name, title) => {
      const answer = await api.request('POST', '/api/posts', { token: alice, body: { title, body: 'b' } });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('validation_error');
      expect(fieldsOf(answer)).toEqual(['title']);
    });

    it('stores a title without the NEL around it, and emoji with their selectors and tags', async () => {
      const scotland = '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
      for (const [title, stored] of [
        ['Title\u0085', 'Title'],
        [`\u0085${scotland}\u200b`, scotland],
        ['\u2764\ufe0f', '\u2764\ufe0f'],
      ]) {
        const answer = await api.request('POST', '/api/posts', { token: alice, body: { title, body: 'b' } });
        expect(answer.status).toBe(201);
        expect(answer.body.title).toBe(stored);
      }
    });

    it('refuses a comment made only of variation selectors and a display name made only of a tag', async () => {
      const post = await newPost();
      const comment = await api.request('POST', `/api/posts/${post.id}/comments`, {
        token: alice,
        body: { body: '\ufe0f\ufe0f' },
      });
      expect(comment.status).toBe(422);
      expect(fieldsOf(comment)).toEqual(['body']);
      const renamed = await api.request('PATCH', '/api/me', {
        token: alice,
        body: { displayName: '\u{e0020}' },
      });
      expect(renamed.status).toBe(422);
      expect(fieldsOf(renamed)).toEqual(['displayName']);
      expect((await api.request('GET', '/api/me', { token: alice })).body.displayName).toBe('Alice');
      expect((await api.request('GET', `/api/posts/${post.id}/comments`)).body.items).toEqual([]);
    });
  });

  describe('control characters', () => {
    const controls = ['\u0000', '\u0001', '\u001b'];

    it.each(controls.map((c) => [JSON.stringify(c), c]))(
      'refuses %s in a title, a comment, a display name and a dev token name, naming the field',
      async (_name, control) => {
        const before = (await postsBy('alice')).length;
        const post = await api.request('POST', '/api/posts', {
          token: alice,
          body: { title: `a${control}b`, body: `a${control}b` },
        });
        expect(post.status).toBe(422);
        expect(fieldsOf(post)).toEqual(['body', 'title']);
        expect(post.body.error.details[0].message).toMatch(/control characters/);
        expect(await postsBy('alice')).toHaveLength(before);

        const target = await newPost();
        const comment = await api.request('POST', `/api/posts/${target.id}/comments`, {
          token: alice,
          body: { body: control },
        });
        expect(comment.status).toBe(422);
        expect(fieldsOf(comment)).toEqual(['body']);

        const renamed = await api.request('PATCH', '/api/me', {
          token: alice,
          body: { displayName: `Al${control}ice` },
        });
        expect(renamed.status).toBe(422);
        expect(fieldsOf(renamed)).toEqual(['displayName']);

        const minted = await api.request('POST', '/api/dev/token', {
          body: { userId: 'eve', name: control },
        });
        expect(minted.status).toBe(422);
        expect(fieldsOf(minted)).toEqual(['name']);
      },
    );

    it('keeps tab and line breaks inside a body and a comment, and nowhere in a title', async () => {
      const post = await api.request('POST', '/api/posts', {
        token: alice,
        body: { title: 'Lines', body: 'one\ttwo\r\nthree' },
      });
      expect(post.status).toBe(201);
      expect(post.body.body).toBe('one\ttwo\r\nthree');
      const tabbed = await api.request('POST', '/api/posts', {
        token: alice,
        body: { title: 'a\tb', body: 'b' },
      });
      expect(tabbed.status).toBe(422);
      expect(fieldsOf(tabbed)).toEqual(['title']);
    });

    it('gives a token whose name holds a control character the placeholder name instead', async () => {
      const token = await tokenWith({ sub: 'ctl-name', name: 'Eve\u0001' });
      expect((await api.request('GET', '/api/me', { token })).body.displayName).toBe('user-ctlname');
    });
  });

  describe('If-Match', () => {
    const patch = (id: string, ifMatch: string) =>
      api.request('PATCH', `/api/posts/${id}`, {
        token: alice,
        body: { title: 'changed' },
        headers: { 'if-match': ifMatch },
      });

    it.each([['"v1", "v999"'], ['"v999", "v1"'], ['W/"v1", "v1"'], ['*']])(
      'matches %s, a list naming the current strong tag',
      async (ifMatch) => {
        const post = await newPost();
        const answer = await patch(post.id, ifMatch);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('etag')).toBe('"v2"');
      },
    );

    it.each([['"v01"'], ['"v2", "v3"'], ['W/"v1"'], ['v1']])(
      'fails %s with 412, changing nothing',
      async (ifMatch) => {
        const post = await newPost();
        const answer = await patch(post.id, ifMatch);
        expect(answer.status).toBe(412);
        expect(answer.body.error.code).toBe('precondition_failed');
        const deleted = await api.request('DELETE', `/api/posts/${post.id}`, {
          token: alice,
          headers: { 'if-match': ifMatch },
        });
        expect(deleted.status).toBe(412);
        expect((await api.request('GET', `/api/posts/${post.id}`)).body).toMatchObject({
          title: 't',
          version: 1,
        });
      },
    );

    it('deletes with a list naming the current tag', async () => {
      const post = await newPost();
      const deleted = await api.request('DELETE', `/api/posts/${post.id}`, {
        token: alice,
        headers: { 'if-match': '"v7", "v1"' },
      });
      expect(deleted.status).toBe(204);
      expect((await api.request('GET', `/api/posts/${post.id}`)).status).toBe(404);
    });

    it('answers a list for a post of someone else with 403 and an absent post with 404', async () => {
      const post = await newPost(await api.token('bob', 'Bob'));
      expect((await patch(post.id, '"v1", "v2"')).status).toBe(403);
      expect((await patch('01NOPE', '"v1", "v2"')).status).toBe(404);
    });
  });

  describe('author ids', () => {
    it.each([
      ['a 100-character subject', 's'.repeat(100)],
      ['a subject with #', 'a#b'],
      ['a subject that is an address', 'erin@example.com'],
    ])('lists the posts of %s, who can post', async (_name, sub) => {
      const token = await tokenWith({ sub, name: 'Writer' });
      const post = await newPost(token);
      expect(post.authorId).toBe(sub);
      const listed = await api.request('GET', `/api/posts?author=${encodeURIComponent(sub)}`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([post.id]);
    });

    it('keeps "a#b" apart from "a" and refuses an author id longer than any subject', async () => {
      await newPost(await tokenWith({ sub: 'a', name: 'A' }));
      expect((await postsBy('a')).every((p: { authorId: string }) => p.authorId === 'a')).toBe(true);
      const tooLong = await api.request('GET', `/api/posts?author=${'s'.repeat(129)}`);
      expect(tooLong.status).toBe(422);
      expect(fieldsOf(tooLong)).toEqual(['author']);
    });
  });

  it('names a user whose subject is an address with a placeholder that does not show it', async () => {
    const token = await tokenWith({ sub: 'erin.sparks@example.com', email: 'erin.sparks@example.com' });
    const me = await api.request('GET', '/api/me', { token });
    expect(me.body.displayName).toMatch(/^user-[0-9a-z]{8}$/);
    expect(me.body.displayName).not.toMatch(/erin|spark|exam/i);
    expect((await newPost(token)).authorName).toBe(me.body.displayName);
  });

  describe('query parameters', () => {
    it.each([
      ['an empty cursor', 'cursor='],
      ['a repeated cursor', 'cursor=a&cursor=b'],
      ['a cursor longer than any issued', `cursor=${'c'.repeat(5000)}`],
    ])('answers %s as a bad cursor: 400 bad_request', async (_name, query) => {
      for (const path of ['/api/posts', `/api/posts/${(await newPost()).id}/comments`]) {
        const answer = await api.request('GET', `${path}?${query}`);
        expect(answer.status, path).toBe(400);
        expect(answer.body.error.code).toBe('bad_request');
      }
    });

    it.each([
      ['0x10'],
      ['1e1'],
      ['%2B1'],
      ['%201'],
      ['1.0'],
      ['0'],
      ['101'],
      ['99999999999999999999999'],
      [''],
    ])('refuses limit=%s with one 422 detail naming limit', async (limit) => {
      const answer = await api.request('GET', `/api/posts?limit=${limit}`);
      expect(answer.status).toBe(422);
      expect(answer.body.error.details).toEqual([
        { field: 'limit', message: 'Must be a whole number from 1 to 100, in decimal digits' },
      ]);
    });

    it('takes limit=1 and limit=100', async () => {
      await newPost();
      expect((await api.request('GET', '/api/posts?limit=1')).body.items).toHaveLength(1);
      expect((await api.request('GET', '/api/posts?limit=100')).status).toBe(200);
    });
  });

  describe('path ids that cannot exist', () => {
    const odd = ['a%23b', 'A'.repeat(65), 'has%20space', '%C3%A9'];

    it.each(odd.map((id) => [id]))('answers %s with 404 not_found, as an absent post', async (id) => {
      const bob = await api.token('bob', 'Bob');
      for (const [method, path, token, body] of [
        ['GET', `/api/posts/${id}`],
        ['PATCH', `/api/posts/${id}`, bob, { title: 'x' }],
        ['DELETE', `/api/posts/${id}`, bob],
        ['GET', `/api/posts/${id}/comments`],
        ['POST', `/api/posts/${id}/comments`, bob, { body: 'x' }],
        ['DELETE', `/api/posts/01NOPE/comments/${id}`, bob],
        ['PUT', `/api/posts/${id}/favorite`, bob],
      ] as const) {
        const answer = await api.request(method, path, {
          ...(token ? { token } : {}),
          ...(body ? { body } : {}),
        });
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.body.error.code).toBe('not_found');
      }
    });

    it('still answers 401 first to an anonymous write', async () => {
      expect((await api.request('DELETE', '/api/posts/a%23b')).status).toBe(401);
    });
  });

  describe('request headers', () => {
    it('refuses a compressed body with 415 naming the coding, creating nothing', async () => {
      const before = (await postsBy('alice')).length;
      const answer = await api.request('POST', '/api/posts', {
        token: alice,
        raw: gzipSync(JSON.stringify({ title: 't', body: 'b' })).toString('latin1'),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(answer.status).toBe(415);
      expect(answer.body.error.code).toBe('unsupported_media_type');
      expect(answer.body.error.message).toContain('gzip');
      expect(answer.headers.get('accept-encoding')).toBe('identity');
      expect(await postsBy('alice')).toHaveLength(before);
    });

    it('answers a plain OPTIONS with the methods of the path in Allow', async () => {
      for (const [path, allowed] of [
        ['/api/posts', 'GET, HEAD, POST, OPTIONS'],
        ['/api/posts/01ABC', 'GET, HEAD, PATCH, DELETE, OPTIONS'],
        ['/api/me', 'GET, HEAD, PATCH, OPTIONS'],
      ] as const) {
        const answer = await api.request('OPTIONS', path);
        expect(answer.status, path).toBe(204);
        expect(answer.headers.get('allow')).toBe(allowed);
      }
      const unserved = await api.request('OPTIONS', '/api/nope');
      expect(unserved.status).toBe(404);
      expect(unserved.body.error.code).toBe('not_found');
    });

    it('lets a browser send X-Correlation-Id, which the answer echoes', async () => {
      const preflight = await api.request('OPTIONS', '/api/posts', {
        headers: {
          origin: 'http://localhost:3000',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-correlation-id',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toContain(
        'x-correlation-id',
      );
      expect(preflight.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
      const answer = await api.request('GET', '/api/posts', {
        headers: { origin: 'http://localhost:3000', 'x-correlation-id': 'corr-42' },
      });
      expect(answer.headers.get('x-request-id')).toBe('corr-42');
    });
  });

  it('answers a new comment without a Location, as no URL names one comment', async () => {
    const post = await newPost();
    const comment = await api.request('POST', `/api/posts/${post.id}/comments`, {
      token: alice,
      body: { body: 'hi' },
    });
    expect(comment.status).toBe(201);
    expect(comment.headers.get('location')).toBeNull();
    const listed = await api.request('GET', `/api/posts/${post.id}/comments`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([comment.body.id]);
  });
});

/** Author ids become parts of storage keys (AUTHOR#<id>): whatever a token may carry must list right there too. */
describe('author ids on dynalite', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp('dynamodb');
  });
  afterAll(() => api.close());

  it('lists each subject’s own posts, however its id is written', async () => {
    const subjects = ['a', 'a#b', 'a#b#', 'erin@example.com', 's'.repeat(128), 'ü/%2F?&'];
    const ids = new Map<string, string>();
    for (const sub of subjects) {
      const token = await localIssuerToken(api.dataDir, { sub, name: 'Writer' });
      const post = await api.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } });
      expect(post.status, sub).toBe(201);
      ids.set(sub, post.body.id);
    }
    for (const sub of subjects) {
      const listed = await api.request('GET', `/api/posts?author=${encodeURIComponent(sub)}`);
      expect(listed.status, sub).toBe(200);
      expect(
        listed.body.items.map((p: { id: string }) => p.id),
        sub,
      ).toEqual([ids.get(sub)]);
    }
  });
});
