import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIssuerToken } from '../support/local-issuer-token.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/**
 * Input an attacker or an odd client sends: the answer is a clear 4xx in the contract's shape, never a 500,
 * and anonymous callers learn nothing of the validation rules.
 */
describe('hostile input over HTTP', () => {
  let stack: TestStack;
  let alice: string;

  const tokenWith = (claims: JWTPayload) => localIssuerToken(stack.dataDir, claims);

  beforeAll(async () => {
    stack = await startTestStack('memory');
    alice = await stack.token('alice', 'Alice');
  });
  afterAll(() => stack.close());

  describe('authentication comes before validation on every protected route', () => {
    const protectedRoutes: [string, string][] = [
      ['POST', '/api/posts'],
      ['PATCH', '/api/posts/01NOPE'],
      ['DELETE', '/api/posts/01NOPE'],
      ['POST', '/api/posts/01NOPE/comments'],
      ['DELETE', '/api/posts/01NOPE/comments/01NOPE'],
      ['PUT', '/api/posts/01NOPE/favorite'],
      ['DELETE', '/api/posts/01NOPE/favorite'],
      ['GET', '/api/me'],
      ['PATCH', '/api/me'],
      ['GET', '/api/me/favorites?limit=1000'],
      ['POST', '/api/uploads'],
    ];
    const badBodies: [string, { raw: string; headers: Record<string, string> }][] = [
      ['invalid fields', { raw: '{"title":"","nope":1,"contentType":"text/html"}', headers: {} }],
      ['malformed JSON', { raw: '{"title":', headers: {} }],
      ['a non-JSON type', { raw: 'title=x', headers: { 'content-type': 'text/plain' } }],
    ];

    for (const [method, path] of protectedRoutes) {
      it.each(badBodies)(`${method} ${path} with no token and %s is 401`, async (_name, body) => {
        // fetch sends no body with a GET: there the invalid part is the query (limit=1000).
        const response = await stack.request(
          method,
          path,
          method === 'GET'
            ? {}
            : { raw: body.raw, headers: { 'content-type': 'application/json', ...body.headers } },
        );
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          error: { code: 'unauthorized', message: expect.stringMatching(/sign in/i) },
        });
      });
    }

    it('still names the bad fields to a signed-in caller', async () => {
      const response = await stack.request('POST', '/api/posts', { token: alice, body: { title: '' } });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('validation_error');
    });
  });

  describe('identity values that cannot be encoded', () => {
    it.each([
      ['a lone high surrogate as subject', { sub: 'eve\ud800' }],
      ['a lone low surrogate as subject', { sub: '\udfff' }],
      ['a lone surrogate in the name', { sub: 'eve', name: 'Eve \ud83d' }],
      ['a lone surrogate in the email', { sub: 'eve', email: '\udc00@example.com' }],
    ])('refuses a token with %s (401, not 500)', async (_name, claims) => {
      const token = await tokenWith(claims);
      for (const [method, path, body] of [
        ['POST', '/api/uploads', { contentType: 'image/png', size: 10 }],
        ['POST', '/api/posts', { title: 'x', body: 'y' }],
        ['GET', '/api/me', undefined],
      ] as const) {
        const response = await stack.request(method, path, {
          token,
          ...(body ? { body } : {}),
          headers: { 'idempotency-key': 'k1' },
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body.error.code).toBe('unauthorized');
      }
    });
  });

  it('refuses text holding half a character (JSON can carry one) with 422, not a storage error', async () => {
    const response = await stack.request('POST', '/api/posts', {
      token: alice,
      raw: '{"title":"half \\ud800","body":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'title' })]);
  });

  describe('bodies that are not UTF-8', () => {
    const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    const titles = async () =>
      (await stack.request('GET', '/api/posts?limit=100&author=alice')).body.items.map(
        (p: { title: string }) => p.title,
      );

    it.each([
      ['no charset', 'application/json'],
      ['charset=utf-8', 'application/json; charset=utf-8'],
    ])('refuses Latin-1 bytes sent with %s with 400 saying so, storing nothing', async (_name, type) => {
      const before = await titles();
      const response = await stack.request('POST', '/api/posts', {
        token: alice,
        raw: latin1('{"title":"caf\u00e9","body":"b"}'),
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({ code: 'bad_request', message: expect.stringContaining('UTF-8') });
      expect(await titles()).toEqual(before);
    });

    it.each([
      ['charset=iso-8859-1'],
      ['charset=ISO-8859-1'],
      ['charset="latin1"'],
      ['charset=utf-16'],
      ['charset=utf-8; charset=windows-1252'],
    ])('refuses a body declared as %s with 415, storing nothing', async (charset) => {
      const before = await titles();
      const response = await stack.request('POST', '/api/posts', {
        token: alice,
        raw: latin1('{"title":"caf\u00e9","body":"b"}'),
        headers: { 'content-type': `application/json; ${charset}` },
      });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
      expect(response.body.error.message).toContain('UTF-8');
      expect(await titles()).toEqual(before);
    });

    it.each([
      ['application/json; charset=UTF-8'],
      ['application/json;charset="utf-8"'],
      ['application/json; charset=utf8'],
    ])('takes UTF-8 declared as %s, and keeps a U+FFFD the client meant', async (type) => {
      const response = await stack.request('POST', '/api/posts', {
        token: alice,
        raw: new TextEncoder().encode('{"title":"caf\u00e9 \ufffd","body":"b"}'),
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(201);
      expect(response.body.title).toBe('caf\u00e9 \ufffd');
    });
  });

  describe('a body of thousands of unknown fields', () => {
    it('answers 422 naming the first 20 and counting the rest, in fewer bytes than it was sent', async () => {
      const fields = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
      const raw = JSON.stringify({ title: 't', body: 'b', ...fields });
      expect(raw.length).toBeLessThan(64 * 1024);
      const response = await stack.request('POST', '/api/posts', {
        token: alice,
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(422);
      const details = response.body.error.details;
      expect(details).toHaveLength(21);
      expect(details.slice(0, 20)).toEqual(
        Array.from({ length: 20 }, (_, i) => ({ field: `k${i}`, message: 'Not a field of this request' })),
      );
      expect(details[20]).toEqual({ field: '(more)', message: expect.stringMatching(/^4980 more /) });
      expect(JSON.stringify(response.body).length).toBeLessThan(raw.length / 10);
    });
  });

  describe('If-Match', () => {
    it.each([
      ['a weak tag of the current version', 'W/"v1"'],
      ['an over-long value', `"v1"${' '.repeat(10)}${'x'.repeat(200)}`],
      ['a list of versions that are not current', '"v2", "v3"'],
      ['a current version written otherwise', '"v01"'],
    ])('answers %s with 412, changing nothing', async (_name, ifMatch) => {
      const created = await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: 't', body: 'b' },
      });
      const path = `/api/posts/${created.body.id}`;
      const patched = await stack.request('PATCH', path, {
        token: alice,
        body: { title: 'changed' },
        headers: { 'if-match': ifMatch },
      });
      expect(patched.status).toBe(412);
      expect(patched.body.error.code).toBe('precondition_failed');
      const deleted = await stack.request('DELETE', path, { token: alice, headers: { 'if-match': ifMatch } });
      expect(deleted.status).toBe(412);
      const read = await stack.request('GET', path);
      expect(read.body).toMatchObject({ title: 't', version: 1 });
      expect(read.headers.get('etag')).toBe('"v1"');
    });

    it('accepts the strong tag it issued', async () => {
      const created = await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: 't', body: 'b' },
      });
      const patched = await stack.request('PATCH', `/api/posts/${created.body.id}`, {
        token: alice,
        body: { title: 'changed' },
        headers: { 'if-match': created.headers.get('etag') ?? '' },
      });
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('"v2"');
    });
  });

  describe('text made only of invisible characters is empty', () => {
    const invisible = '\u200b\u200c\u200d\u2060\ufeff\u3000';

    it('refuses such a title, body, comment and display name with 422 naming the field', async () => {
      const post = await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: invisible, body: `\u00a0${invisible}` },
      });
      expect(post.status).toBe(422);
      expect(post.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'body',
        'title',
      ]);

      const created = await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: 't', body: 'b' },
      });
      const comment = await stack.request('POST', `/api/posts/${created.body.id}/comments`, {
        token: alice,
        body: { body: invisible },
      });
      expect(comment.status).toBe(422);
      const renamed = await stack.request('PATCH', '/api/me', {
        token: alice,
        body: { displayName: invisible },
      });
      expect(renamed.status).toBe(422);
      expect((await stack.request('GET', '/api/me', { token: alice })).body.displayName).toBe('Alice');
    });

    it('trims invisible edges from what it stores', async () => {
      const post = await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: `\u200bHello\u2060`, body: '\ufeffWorld\u200b' },
      });
      expect(post.status).toBe(201);
      expect(post.body).toMatchObject({ title: 'Hello', body: 'World' });
    });
  });

  describe('a token without a name', () => {
    it('gets a neutral placeholder, never anything from the email', async () => {
      const token = await tokenWith({ sub: 'grace-7f3a9c', email: 'grace.hopper@example.com' });
      const me = await stack.request('GET', '/api/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.displayName).toMatch(/^user-[\p{L}\p{N}]{1,8}$/u);
      expect(me.body.displayName).not.toMatch(/grace\.hopper|example/i);
      const post = await stack.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } });
      expect(post.body.authorName).toBe(me.body.displayName);
    });
  });
});
