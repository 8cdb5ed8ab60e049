/**
 * Suite 5, security over HTTP: the authorization matrix (every route × anonymous, another user, the owner,
 * bad tokens), header injection over raw sockets, CORS and the dev/docs surface per environment, security
 * headers on every kind of answer, and the broadcast endpoint closed to users. The JWT attack matrix
 * itself lives in test/auth (per verifier); here the forged tokens go through the whole HTTP stack.
 * Each check returns its violations, so the tests assert them one by one and the runner counts them.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from '../../src/adapters/auth/index.js';
import { loadConfig } from '../../src/config/config.js';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';
import { errorShapeViolations } from '../support/contract.js';
import { type Answer, call } from '../support/http.js';
import { type Progress, quiet, type SuiteResult } from '../support/report.js';
import { createComment, createPost } from '../support/world.js';
import { AUTHORIZATION_MATRIX, type Role } from './authorization-matrix.js';
import { checkHostileInput } from './hostile-input.js';

export interface CheckResult {
  /** Requests made (matrix cells, raw requests...). */
  requests: number;
  violations: string[];
}

/** Forged and broken tokens, each sent through every route of the matrix. */
async function badTokens(stack: TestStack, valid: string): Promise<Record<string, string>> {
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const stackKey = await LocalIssuer.open({
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    keyFile: join(stack.dataDir, 'local-issuer-key.json'),
  });
  const otherKey = await LocalIssuer.open({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
  const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
  return {
    'tampered signature': `${header}.${payload}.${flipped}`,
    'tampered subject': `${header}.${b64({ ...claims, sub: 'other' })}.${signature}`,
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    expired: await stackKey.issue({ userId: 'owner', ttlSeconds: -120 }),
    'another issuer key': await otherKey.issue({ userId: 'owner' }),
    // Validly signed, but half a character cannot be stored or keyed: refused at verification, never a 500.
    'a lone surrogate subject': await stackKey.issue({ userId: 'owner\ud800' }),
    'oversized (9 KiB)': `${header}.${b64({ ...claims, pad: 'x'.repeat(9_000) })}.${signature}`,
    garbage: 'not.a.jwt',
  };
}

/** Every route × every role: the expected status, and the error shape on every refusal. */
export async function checkAuthorizationMatrix(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  let requests = 0;
  const base = stack.apiUrl;
  const owner = await stack.token('owner', 'Owner');
  const other = await stack.token('other', 'Other');
  const bad = await badTokens(stack, owner);
  const fresh = async () => {
    const postId = (await createPost(base, owner)).id;
    return { postId, commentId: (await createComment(base, owner, postId)).id };
  };
  const roles: [string, Role, string | undefined][] = [
    ['anonymous', 'anonymous', undefined],
    ...Object.entries(bad).map(([name, token]): [string, Role, string] => [
      `bad token (${name})`,
      'bad',
      token,
    ]),
    ['another user', 'other', other],
    ['the owner', 'owner', owner],
  ];
  for (const row of AUTHORIZATION_MATRIX) {
    // Refusals first, the owner last: a refused call must leave the resource for the next one.
    const target = await fresh();
    for (const [name, role, token] of roles) {
      const path = row.path(target);
      const answer = await call(base, row.method, path, {
        ...(token ? { token } : {}),
        ...(row.body === undefined ? {} : { body: row.body }),
      });
      requests++;
      const expected = row.expect[role];
      if (answer.status !== expected)
        violations.push(`${row.method} ${path} as ${name}: ${answer.status}, expected ${expected}`);
      for (const p of errorShapeViolations(answer)) violations.push(`${row.method} ${path} as ${name}: ${p}`);
    }
  }
  // The post's author may delete anyone's comment on it; the comment's author may too, nobody else.
  const { postId } = await fresh();
  const byOther = await createComment(base, other, postId);
  const third = await stack.token('third');
  const refused = await call(base, 'DELETE', `/api/posts/${postId}/comments/${byOther.id}`, { token: third });
  const allowed = await call(base, 'DELETE', `/api/posts/${postId}/comments/${byOther.id}`, { token: owner });
  requests += 2;
  if (refused.status !== 403)
    violations.push(`a third user deleting a comment: ${refused.status}, expected 403`);
  if (allowed.status !== 204)
    violations.push(`the post author deleting a comment: ${allowed.status}, expected 204`);
  return { requests, violations };
}

/** One raw HTTP/1.1 request, so headers can carry what fetch refuses to send (CR, LF, obs-fold). */
export function rawRequest(apiUrl: string, request: string): Promise<string> {
  const { hostname, port } = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.write(request);
  });
}

const INJECTIONS: [string, string][] = [
  ['bare CR in x-request-id', 'x-request-id: abc\rSet-Cookie: pwned=1\r\n'],
  ['bare LF in x-request-id', 'x-request-id: abc\nSet-Cookie: pwned=1\r\n'],
  ['obs-fold continuation', 'x-request-id: abc\r\n Set-Cookie: pwned=1\r\n'],
  ['NUL in x-correlation-id', 'x-correlation-id: abc\u0000Set-Cookie: pwned=1\r\n'],
  ['CR in idempotency-key', 'idempotency-key: k\rSet-Cookie: pwned=1\r\n'],
  ['UTF-8 in x-request-id', 'x-request-id: \u00e9\u00e8\r\n'],
  ['encoded CRLF in the path', ''],
];

/** CRLF and friends in headers and paths: no header is ever injected, and an echoed request id stays sane. */
export async function checkHeaderInjection(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  const host = new URL(stack.apiUrl).host;
  for (const [name, header] of INJECTIONS) {
    const path = name.includes('path') ? '/api/posts/x%0d%0aSet-Cookie:%20pwned=1' : '/api/health';
    const response = await rawRequest(
      stack.apiUrl,
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${header}Connection: close\r\n\r\n`,
    );
    const head = response.split('\r\n\r\n')[0] ?? '';
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    if (/^set-cookie:\s*pwned/im.test(head)) violations.push(`${name}: a Set-Cookie header was injected`);
    if (status === 0 || status >= 500) violations.push(`${name}: answered ${status || 'nothing'}`);
    const echoed = /^x-request-id: (.*)$/im.exec(head)?.[1];
    if (echoed !== undefined && !/^[A-Za-z0-9._:@=+/-]{1,128}$/.test(echoed))
      violations.push(`${name}: x-request-id echoed as ${JSON.stringify(echoed)}`);
  }
  return { requests: INJECTIONS.length, violations };
}

/** A stack per environment: who may call it cross-origin, and whether the docs and dev tokens exist. */
export async function checkEnvironments(): Promise<CheckResult> {
  const violations: string[] = [];
  let requests = 0;
  const cloud = (environment: string, origin: string) => ({
    APP_ENVIRONMENT: environment,
    APP_AUTH_PROVIDER: 'firebase',
    FIREBASE_PROJECT_ID: 'blogapp-test',
    APP_CURSOR_SECRET: 's'.repeat(32),
    APP_ALLOWED_ORIGINS: origin,
    APP_UPLOADS_BUCKET: `blogapp-${environment}-uploads`,
  });
  const environments: {
    name: string;
    env: Record<string, string>;
    allowed: string;
    docs: number;
    devToken: number;
  }[] = [
    { name: 'local', env: {}, allowed: 'http://localhost:5173', docs: 200, devToken: 200 },
    {
      name: 'development',
      env: cloud('development', 'https://dev.blog.example.com'),
      allowed: 'https://dev.blog.example.com',
      docs: 200,
      devToken: 404,
    },
    {
      name: 'staging',
      env: cloud('staging', 'https://staging.blog.example.com'),
      allowed: 'https://staging.blog.example.com',
      docs: 200,
      devToken: 404,
    },
    {
      name: 'production',
      env: cloud('production', 'https://blog.example.com'),
      allowed: 'https://blog.example.com',
      docs: 404,
      devToken: 404,
    },
  ];
  for (const { name, env, allowed, docs, devToken } of environments) {
    const stack = await startTestStack('memory', env);
    try {
      const base = stack.apiUrl;
      const preflight = (origin: string) =>
        call(base, 'OPTIONS', '/api/posts', {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      const ok = await preflight(allowed);
      if (ok.headers.get('access-control-allow-origin') !== allowed)
        violations.push(`${name}: preflight from ${allowed} not allowed`);
      for (const origin of [
        'https://evil.example',
        'null',
        `${allowed}.evil.example`,
        'http://localhost:3000',
      ]) {
        if (name === 'local' && origin === 'http://localhost:3000') continue;
        const answer = await preflight(origin);
        const get = await call(base, 'GET', '/api/posts', { headers: { origin } });
        for (const a of [answer, get]) {
          const allowOrigin = a.headers.get('access-control-allow-origin');
          if (allowOrigin === '*' || allowOrigin === origin)
            violations.push(`${name}: CORS allows ${origin}`);
        }
        requests += 2;
      }
      const surface: [string, string, number][] = [
        ['GET', '/docs', docs],
        ['GET', '/openapi.json', docs],
        ['POST', '/api/dev/token', devToken],
        ['GET', '/.well-known/jwks.json', devToken],
      ];
      for (const [method, path, expected] of surface) {
        const answer = await call(base, method, path, method === 'POST' ? { body: { userId: 'x' } } : {});
        requests++;
        if (answer.status !== expected)
          violations.push(`${name}: ${method} ${path} answered ${answer.status}, expected ${expected}`);
      }
      requests++;
    } finally {
      await stack.close();
    }
  }
  try {
    loadConfig({ ...cloud('production', '*'), APP_DATA_DIR: '/tmp' });
    violations.push('production accepted APP_ALLOWED_ORIGINS=*');
  } catch {
    // refused at start-up, as it must be
  }
  return { requests, violations };
}

const SECURITY_HEADERS: [string, RegExp][] = [
  ['x-content-type-options', /^nosniff$/],
  ['x-frame-options', /^(SAMEORIGIN|DENY)$/],
  ['strict-transport-security', /max-age=\d+/],
  ['referrer-policy', /.+/],
  ['x-request-id', /.+/],
];

/** Security headers on answers of every kind, and no header that names the server's software. */
export async function checkSecurityHeaders(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  const base = stack.apiUrl;
  const token = await stack.token('headers');
  const answers: [string, Answer][] = [
    ['200', await call(base, 'GET', '/api/posts')],
    ['201', await call(base, 'POST', '/api/posts', { token, body: { title: 't', body: 'b' } })],
    [
      '400',
      await call(base, 'POST', '/api/posts', {
        token,
        raw: '{',
        headers: { 'content-type': 'application/json' },
      }),
    ],
    ['401', await call(base, 'GET', '/api/me')],
    ['404', await call(base, 'GET', '/api/nowhere')],
    [
      '413',
      await call(base, 'POST', '/api/posts', {
        token,
        raw: 'x'.repeat(70_000),
        headers: { 'content-type': 'application/json' },
      }),
    ],
    [
      '415',
      await call(base, 'POST', '/api/posts', { token, raw: 'a', headers: { 'content-type': 'text/plain' } }),
    ],
    ['422', await call(base, 'POST', '/api/posts', { token, body: {} })],
    [
      'OPTIONS',
      await call(base, 'OPTIONS', '/api/posts', {
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      }),
    ],
  ];
  for (const [kind, answer] of answers) {
    for (const [header, pattern] of SECURITY_HEADERS) {
      if (!pattern.test(answer.headers.get(header) ?? ''))
        violations.push(`${kind}: ${header} is ${answer.headers.get(header)}`);
    }
    for (const header of ['x-powered-by', 'server']) {
      if (answer.headers.get(header)) violations.push(`${kind}: ${header}: ${answer.headers.get(header)}`);
    }
    if (kind !== 'OPTIONS') for (const p of errorShapeViolations(answer)) violations.push(`${kind}: ${p}`);
  }
  return { requests: answers.length, violations };
}

/** The broadcast endpoint: refused to users and to wrong keys, open to the system key. */
export async function checkBroadcast(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  const base = stack.apiUrl;
  const token = await stack.token('intruder');
  const cases: [string, Record<string, string>, number][] = [
    ['no credentials', {}, 401],
    ['a user token', { authorization: `Bearer ${token}` }, 403],
    ['a user token and a wrong key', { authorization: `Bearer ${token}`, 'x-broadcast-key': 'guess' }, 403],
    ['a key one character short', { 'x-broadcast-key': stack.broadcastKey.slice(1) }, 403],
    ['the key in another case', { 'x-broadcast-key': stack.broadcastKey.toUpperCase() }, 403],
    ['the system key', { 'x-broadcast-key': stack.broadcastKey }, 202],
  ];
  for (const [name, headers, expected] of cases) {
    if (name === 'the key in another case' && stack.broadcastKey.toUpperCase() === stack.broadcastKey)
      continue;
    const answer = await call(base, 'POST', '/broadcast/comments', { headers, body: { message: 'system' } });
    if (answer.status !== expected)
      violations.push(`broadcast with ${name}: ${answer.status}, expected ${expected}`);
    for (const p of errorShapeViolations(answer)) violations.push(`broadcast with ${name}: ${p}`);
  }
  return { requests: cases.length, violations };
}

/** Every check above, for the runner. */
export async function runSecurity(options: { progress?: Progress } = {}): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const results: [string, CheckResult][] = [];
  const stack = await startTestStack('dynamodb');
  try {
    progress('security: authorization matrix');
    results.push(['authorization', await checkAuthorizationMatrix(stack)]);
    progress('security: header injection, security headers, broadcast');
    results.push(['injection', await checkHeaderInjection(stack)]);
    results.push(['headers', await checkSecurityHeaders(stack)]);
    results.push(['broadcast', await checkBroadcast(stack)]);
    progress('security: hostile input (issue 17)');
    results.push(['hostile input', await checkHostileInput(stack)]);
  } finally {
    await stack.close();
  }
  progress('security: CORS and surface per environment');
  results.push(['environments', await checkEnvironments()]);
  const violations = results.flatMap(([name, r]) => r.violations.map((v) => `${name}: ${v}`));
  const requests = results.reduce((sum, [, r]) => sum + r.requests, 0);
  return {
    suite: 'security (HTTP)',
    inputs: requests,
    requests,
    errors: violations.length,
    violations,
    note: 'npm audit not run: the registry audit endpoint is unreachable here',
  };
}
