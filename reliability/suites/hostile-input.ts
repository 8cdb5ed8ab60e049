/**
 * Part of suite 5 (security): the refusals issue 17 asked for, through the whole HTTP stack. Anonymous
 * callers learn nothing of the validation rules; identity claims holding half a character are refused;
 * If-Match is strong; text made only of invisible characters is empty; no display name comes from an
 * e-mail; an attached image is the bytes that were checked, whatever is PUT to its upload URL afterwards.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../src/adapters/auth/index.js';
import { png } from '../../test/support/images.js';
import type { TestStack } from '../../test/support/test-stack.js';
import { errorShapeViolations } from '../support/contract.js';
import { type Answer, call } from '../support/http.js';
import { createPost } from '../support/world.js';
import { AUTHORIZATION_MATRIX } from './authorization-matrix.js';
import type { CheckResult } from './security.js';

/** A token from the stack's own issuer key with whatever claims a check needs. */
async function tokenWith(stack: TestStack, claims: JWTPayload): Promise<string> {
  const jwk = JSON.parse(await readFile(join(stack.dataDir, 'local-issuer-key.json'), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .sign(await importJWK(jwk, 'ES256'));
}

const INVISIBLE = '\u200b\u200c\u200d\u2060\ufeff\u3000\u00a0';

/** Every hostile case of issue 17 the HTTP stack must refuse, each with the contract's status and shape. */
export async function checkHostileInput(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  let requests = 0;
  const base = stack.apiUrl;
  const expect = (what: string, answer: Answer, status: number, code?: string) => {
    requests++;
    if (answer.status !== status) violations.push(`${what}: ${answer.status}, expected ${status}`);
    else if (code && answer.body?.error?.code !== code)
      violations.push(`${what}: code ${answer.body?.error?.code}`);
    for (const p of errorShapeViolations(answer)) violations.push(`${what}: ${p}`);
  };
  const owner = await stack.token('hostile-owner', 'Owner');
  const postId = (await createPost(base, owner)).id;

  // Authentication before validation: no token and a bad body is 401 on every protected route.
  const bodies: [string, { raw: string; headers: Record<string, string> }][] = [
    ['invalid fields', { raw: '{"title":"","extra":1}', headers: { 'content-type': 'application/json' } }],
    ['malformed JSON', { raw: '{"title":', headers: { 'content-type': 'application/json' } }],
    ['a non-JSON body', { raw: 'x=1', headers: { 'content-type': 'text/plain' } }],
  ];
  for (const row of AUTHORIZATION_MATRIX.filter((r) => r.expect.anonymous === 401 && r.method !== 'GET')) {
    if (row.path({ postId, commentId: 'x' }).startsWith('/broadcast')) continue;
    const path = row.path({ postId, commentId: '01NOPE' });
    for (const [name, body] of bodies) {
      expect(
        `${row.method} ${path} anonymous with ${name}`,
        await call(base, row.method, path, body),
        401,
        'unauthorized',
      );
    }
  }
  expect(
    'GET /api/me/favorites anonymous with limit=1000',
    await call(base, 'GET', '/api/me/favorites?limit=1000'),
    401,
  );

  // Identity values that cannot be encoded: refused at verification, never a 500.
  for (const [name, claims] of [
    ['a lone surrogate subject', { sub: 'eve\ud800' }],
    ['a lone surrogate name', { sub: 'eve', name: '\udfff' }],
    ['a lone surrogate email', { sub: 'eve', email: '\ud83d@example.com' }],
  ] as const) {
    const token = await tokenWith(stack, claims);
    expect(
      `upload with ${name}`,
      await call(base, 'POST', '/api/uploads', { token, body: { contentType: 'image/png', size: 10 } }),
      401,
    );
    expect(
      `idempotent post with ${name}`,
      await call(base, 'POST', '/api/posts', {
        token,
        body: { title: 't', body: 'b' },
        headers: { 'idempotency-key': 'k' },
      }),
      401,
    );
  }

  // If-Match: strong comparison, and a value we never issued is a failed precondition.
  for (const [name, ifMatch] of [
    ['a weak tag', 'W/"v1"'],
    ['an over-long value', `"v1"${'x'.repeat(300)}`],
  ]) {
    const target = (await createPost(base, owner)).id;
    const headers = { 'if-match': ifMatch as string };
    expect(
      `PATCH with ${name}`,
      await call(base, 'PATCH', `/api/posts/${target}`, { token: owner, body: { title: 'n' }, headers }),
      412,
      'precondition_failed',
    );
    expect(
      `DELETE with ${name}`,
      await call(base, 'DELETE', `/api/posts/${target}`, { token: owner, headers }),
      412,
    );
  }

  // Text made only of invisible characters is empty.
  expect(
    'an invisible title and body',
    await call(base, 'POST', '/api/posts', { token: owner, body: { title: INVISIBLE, body: INVISIBLE } }),
    422,
    'validation_error',
  );
  expect(
    'an invisible comment',
    await call(base, 'POST', `/api/posts/${postId}/comments`, { token: owner, body: { body: INVISIBLE } }),
    422,
  );
  expect(
    'an invisible display name',
    await call(base, 'PATCH', '/api/me', { token: owner, body: { displayName: INVISIBLE } }),
    422,
  );

  // A token without a name: a neutral placeholder, nothing from the e-mail.
  const nameless = await tokenWith(stack, { sub: 'hostile-nameless', email: 'ada.lovelace@example.com' });
  const me = await call(base, 'GET', '/api/me', { token: nameless });
  requests++;
  if (!/^user-/.test(me.body?.displayName ?? '') || /ada|lovelace|example/i.test(me.body?.displayName ?? ''))
    violations.push(`a nameless token's display name is ${JSON.stringify(me.body?.displayName)}`);

  // An attached image is frozen: a later PUT to its upload URL (another valid image) changes nothing served.
  const first = png(8, 8, [10, 200, 10]);
  const second = png(8, 8, [200, 10, 10]);
  const ticket = (
    await call(base, 'POST', '/api/uploads', {
      token: owner,
      body: { contentType: 'image/png', size: first.length },
    })
  ).body;
  const put = (bytes: Buffer) =>
    fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: bytes });
  await put(first);
  const withImage = await call(base, 'POST', '/api/posts', {
    token: owner,
    body: { title: 'img', body: 'b', imageKey: ticket.key },
  });
  await put(second);
  const read = await call(base, 'GET', `/api/posts/${withImage.body?.id}`);
  const served = read.body?.imageUrl
    ? Buffer.from(await (await fetch(read.body.imageUrl)).arrayBuffer())
    : undefined;
  requests += 5;
  if (!served?.equals(first))
    violations.push('the image served after a re-PUT to its upload URL is not the one checked');
  if (String(read.body?.imageKey).startsWith('uploads/'))
    violations.push('a post shows an image under a writable upload key');

  return { requests, violations };
}
