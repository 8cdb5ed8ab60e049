/**
 * Suite 1, bad input: fast-check drives random and malformed requests at every route (bodies, path
 * params, query strings, cursors, content types, auth and other headers, unicode, huge numbers, deep
 * nesting) and random frames at the WebSocket protocol. Rules: never a 5xx, every error in the contract's
 * shape, the process keeps answering, and a refused write leaves everything readable exactly as it was.
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';
import { describe, errorShapeViolations } from '../support/contract.js';
import { type Answer, call } from '../support/http.js';
import { Latencies } from '../support/latency.js';
import { type Progress, quiet, type SuiteResult, Violations } from '../support/report.js';
import { createComment, createPost, settledSnapshot, snapshot } from '../support/world.js';

export interface BadInputOptions {
  /** Generated HTTP requests; WebSocket frames are half as many. */
  runs: number;
  /** fast-check seed, for replaying a failure. */
  seed?: number;
  progress?: Progress;
}

/** A value resolved against the live world when the request is made (ids change as posts come and go). */
type Ref =
  | { ref: 'post' | 'otherPost' | 'comment' | 'cursor' | 'tamperedCursor' | 'etag' }
  | { raw: string }
  | { encoded: string };
type TokenChoice =
  | 'none'
  | 'owner'
  | 'other'
  | 'garbage'
  | 'oversized'
  | 'basic'
  | 'empty'
  | { header: string };
type Body = { json: unknown } | { text: string } | { bytes: number[] } | { repeat: [string, number] } | null;

interface BadRequest {
  method: string;
  route: string;
  params: Ref[];
  query: [string, Ref][];
  auth: TokenChoice;
  contentType?: string;
  headers: Record<string, Ref>;
  body: Body;
}

interface World {
  stack: TestStack;
  tokens: { owner: string; other: string; reader: string };
  posts: string[];
  otherPost: string;
  comment: string;
  cursor: string;
}

/** Printable ASCII only: fetch itself refuses control characters in headers (CRLF is the security suite's). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

const unicodeEdge = fc.constantFrom(
  '\u0000',
  '\ud800', // a lone surrogate
  '\udfff\ud800',
  '\u202e\u0041', // right-to-left override
  '\u200b', // zero width space
  '\ufeff',
  '\uffff',
  '𝕳𝖊𝖑𝖑𝖔',
  'e\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  ' \t\n ',
  '%00',
  '%',
  '%E0%A4%A',
  '..',
  '../..',
  '__proto__',
  'constructor',
  '$' + '{jndi:ldap://x}',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '#',
  'POST#x',
);

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  unicodeEdge,
  fc.tuple(unicodeEdge, fc.string({ maxLength: 5 })).map(([a, b]) => a + b),
  fc.integer({ min: 0, max: 300 }).map((n) => 'x'.repeat(n)),
);

const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, -0),
  fc.double(),
  fc.integer(),
);

const ref: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Ref>({ ref: 'post' }, { ref: 'otherPost' }, { ref: 'comment' }) },
  { weight: 3, arbitrary: weirdString.map((s): Ref => ({ encoded: s })) },
  { weight: 1, arbitrary: weirdString.filter((s) => !/[\s#?]/.test(s)).map((s): Ref => ({ raw: s })) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 3000 }).map((n): Ref => ({ encoded: 'A'.repeat(n) })) },
);

const limitValue: fc.Arbitrary<Ref> = fc.oneof(
  hugeNumber.map((n) => ({ encoded: String(n) })),
  fc
    .constantFrom('1e400', '-0', '0x10', '', ' 5', '5abc', '9'.repeat(400), 'NaN', 'Infinity', '[]', '1.5')
    .map((s) => ({ encoded: s })),
  fc.integer({ min: -5, max: 105 }).map((n) => ({ encoded: String(n) })),
);

const cursorValue: fc.Arbitrary<Ref> = fc.oneof(
  fc.constantFrom<Ref>({ ref: 'cursor' }, { ref: 'tamperedCursor' }),
  fc.base64String({ maxLength: 200 }).map((s) => ({ encoded: s })),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => ({ encoded: Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url') })),
  weirdString.map((s) => ({ encoded: s })),
  fc.integer({ min: 4000, max: 6000 }).map((n) => ({ encoded: 'c'.repeat(n) })),
);

const queryArb: fc.Arbitrary<[string, Ref][]> = fc.array(
  fc.oneof(
    limitValue.map((v): [string, Ref] => ['limit', v]),
    cursorValue.map((v): [string, Ref] => ['cursor', v]),
    ref.map((v): [string, Ref] => ['author', v]),
    fc.tuple(headerText, weirdString).map(([k, v]): [string, Ref] => [k, { encoded: v }]),
  ),
  { maxLength: 4 },
);

/** Deep nesting as text, so the depth is not limited by a recursive generator. */
const deepJsonOf = (maxDepth: number) =>
  fc
    .integer({ min: 10, max: maxDepth })
    .chain((depth) =>
      fc.constantFrom(
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
        `${'{"title":'.repeat(depth)}1${'}'.repeat(depth)}`,
        `{"title":"t","body":"b","tags":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      ),
    );
const deepJson = fc.oneof(deepJsonOf(3_000), deepJsonOf(20_000));

/** Objects that look like the routes' bodies, with every field allowed to be wrong. */
const nearlyValidBody = fc.record(
  {
    title: fc.oneof(weirdString, hugeNumber, fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
    body: fc.oneof(
      weirdString,
      hugeNumber,
      fc.integer({ min: 19_990, max: 20_010 }).map((n) => 'b'.repeat(n)),
    ),
    tags: fc.oneof(fc.array(weirdString, { maxLength: 12 }), weirdString, hugeNumber),
    imageKey: fc.oneof(weirdString, fc.constant(null), fc.constant('uploads/owner/none.png')),
    displayName: fc.oneof(weirdString, hugeNumber),
    contentType: fc.oneof(weirdString, fc.constantFrom('image/png', 'image/svg+xml', 'text/html')),
    size: hugeNumber,
    userId: weirdString,
    name: weirdString,
    message: weirdString,
    postId: weirdString,
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  fc.constant(null),
  nearlyValidBody.map((json) => ({ json })),
  fc.jsonValue({ maxDepth: 6 }).map((json) => ({ json })),
  deepJson.map((text) => ({ text })),
  fc
    .constantFrom(
      '{"title":',
      '{"title":"t","body":"b",}',
      "{'title':'t'}",
      '\ufeff{"title":"t","body":"b"}',
      '{"__proto__":{"isAdmin":true},"title":"t","body":"b"}',
      '{"constructor":{"prototype":{"x":1}},"body":"b"}',
      '{"title":"t","title":"u","body":"b"}',
      'null',
      '[]',
      '"just a string"',
      '1e999999',
      '{"size":1e309,"contentType":"image/png"}',
      '{"size":-1,"contentType":"image/png"}',
      '{"displayName":"\\ud800"}',
      '{"body":"\\u0000"}',
    )
    .map((text) => ({ text })),
  fc.string({ maxLength: 200 }).map((text) => ({ text })),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }).map((bytes) => ({ bytes })),
  fc.constantFrom<Body>({ repeat: ['x', 70_000] }, { repeat: ['{"body":"', 8_000] }),
);

const contentTypeArb = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/json; charset=latin1',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json-patch+json',
      '',
    ),
    headerText,
  ),
  { nil: undefined },
);

const tokenArb: fc.Arbitrary<TokenChoice> = fc.oneof(
  fc.constantFrom<TokenChoice>('none', 'owner', 'other', 'garbage', 'oversized', 'basic', 'empty'),
  headerText.map((header): TokenChoice => ({ header })),
);

const optionalHeader = (values: fc.Arbitrary<Ref>) => fc.option(values, { nil: undefined });
const headersArb = fc
  .record({
    'if-match': optionalHeader(
      fc.oneof(
        fc.constant<Ref>({ ref: 'etag' }),
        fc
          .constantFrom('*', '"v1"', 'W/"v1"', '"v999999999999999"', '"v-1"', '"v1e3"')
          .map((raw) => ({ raw })),
        headerText.map((raw) => ({ raw })),
      ),
    ),
    'idempotency-key': optionalHeader(
      fc
        .oneof(
          headerText,
          fc.integer({ min: 250, max: 300 }).map((n) => 'k'.repeat(n)),
        )
        .map((raw) => ({ raw })),
    ),
    'x-request-id': optionalHeader(headerText.map((raw) => ({ raw }))),
    'x-broadcast-key': optionalHeader(headerText.map((raw) => ({ raw }))),
    accept: optionalHeader(fc.constantFrom('text/html', '*/*', 'application/xml').map((raw) => ({ raw }))),
  })
  .map(
    (headers) =>
      Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, Ref>,
  );

/** Every route of the contract (and the local upload endpoint), with the methods it has and some it has not. */
const ROUTES: { route: string; methods: string[]; params: number }[] = [
  { route: '/api/health', methods: ['GET', 'POST'], params: 0 },
  { route: '/health', methods: ['GET'], params: 0 },
  { route: '/api/posts', methods: ['GET', 'POST', 'PUT', 'DELETE'], params: 0 },
  { route: '/api/posts/{}', methods: ['GET', 'PATCH', 'DELETE', 'POST', 'PUT'], params: 1 },
  { route: '/api/posts/{}/comments', methods: ['GET', 'POST', 'PATCH'], params: 1 },
  { route: '/api/posts/{}/comments/{}', methods: ['DELETE', 'GET', 'PATCH'], params: 2 },
  { route: '/api/posts/{}/favorite', methods: ['PUT', 'DELETE', 'GET', 'POST'], params: 1 },
  { route: '/api/me', methods: ['GET', 'PATCH', 'DELETE'], params: 0 },
  { route: '/api/me/favorites', methods: ['GET', 'PUT'], params: 0 },
  { route: '/api/uploads', methods: ['POST', 'GET'], params: 0 },
  { route: '/broadcast/comments', methods: ['POST', 'GET'], params: 0 },
  { route: '/api/dev/token', methods: ['POST', 'GET'], params: 0 },
  { route: '/openapi.json', methods: ['GET'], params: 0 },
  { route: '/local-uploads/{}', methods: ['PUT', 'GET'], params: 1 },
  { route: '/{}', methods: ['GET', 'POST', 'OPTIONS', 'HEAD'], params: 1 },
];

const requestArb: fc.Arbitrary<BadRequest> = fc.constantFrom(...ROUTES).chain(({ route, methods, params }) =>
  fc.record({
    method: fc.constantFrom(...methods),
    route: fc.constant(route),
    params: fc.array(ref, { minLength: params, maxLength: params }),
    query: queryArb,
    auth: tokenArb,
    contentType: contentTypeArb,
    headers: headersArb,
    body: bodyArb,
  }),
);

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) goes out as its WTF-8 bytes: what a
 * hostile client can send, and a server must not choke on when it decodes the path.
 */
function pct(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

function resolve(world: World, value: Ref): string {
  if ('raw' in value) return value.raw;
  if ('encoded' in value) return pct(value.encoded);
  switch (value.ref) {
    case 'post':
      return world.posts[0] ?? 'gone';
    case 'otherPost':
      return world.otherPost;
    case 'comment':
      return world.comment;
    case 'cursor':
      return pct(world.cursor);
    case 'tamperedCursor': {
      const c = world.cursor;
      const i = Math.floor(c.length / 2);
      return pct(`${c.slice(0, i)}${c[i] === 'A' ? 'B' : 'A'}${c.slice(i + 1)}`);
    }
    case 'etag':
      return '"v1"';
  }
}

function authHeader(world: World, auth: TokenChoice): string | undefined {
  if (typeof auth === 'object') return auth.header;
  switch (auth) {
    case 'none':
      return undefined;
    case 'owner':
      return `Bearer ${world.tokens.owner}`;
    case 'other':
      return `Bearer ${world.tokens.other}`;
    case 'garbage':
      return 'Bearer a.b.c';
    case 'oversized':
      return `Bearer ${world.tokens.owner}${'A'.repeat(12_000)}`;
    case 'basic':
      return 'Basic YWxpY2U6c2VjcmV0';
    case 'empty':
      return 'Bearer ';
  }
}

function bodyOf(body: Body): string | Uint8Array | undefined {
  if (body === null) return undefined;
  if ('json' in body) return JSON.stringify(body.json) ?? 'null';
  if ('text' in body) return body.text;
  if ('bytes' in body) return new Uint8Array(body.bytes);
  return body.repeat[0].repeat(body.repeat[1]);
}

function toCall(world: World, request: BadRequest) {
  let i = 0;
  const path = request.route.replace(/\{\}/g, () => resolve(world, request.params[i++] ?? { encoded: '' }));
  const query = request.query.map(([k, v]) => `${pct(k)}=${resolve(world, v)}`).join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = resolve(world, value);
  const authorization = authHeader(world, request.auth);
  if (authorization !== undefined) headers.authorization = authorization;
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const raw = ['GET', 'HEAD'].includes(request.method) ? undefined : bodyOf(request.body);
  return { method: request.method, path: query ? `${path}?${query}` : path, headers, raw };
}

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

async function buildWorld(stack: TestStack): Promise<World> {
  const tokens = {
    owner: await stack.token('owner', 'Owner'),
    other: await stack.token('other', 'Other'),
    reader: await stack.token('reader', 'Reader'),
  };
  const base = stack.apiUrl;
  const posts = [(await createPost(base, tokens.owner)).id, (await createPost(base, tokens.owner)).id];
  const otherPost = (await createPost(base, tokens.other)).id;
  const comment = (await createComment(base, tokens.other, posts[0] as string)).id;
  await call(base, 'PUT', `/api/posts/${otherPost}/favorite`, { token: tokens.owner });
  const page = await call(base, 'GET', '/api/posts?limit=1');
  return { stack, tokens, posts, otherPost, comment, cursor: page.body.nextCursor };
}

/** Runs the suite on its own local stack (dynamodb provider, the embedded dynalite). */
export async function runBadInput(options: BadInputOptions): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const violations = new Violations();
  const latencies = new Latencies();
  let requests = 0;
  let errors = 0;
  const stack = await startTestStack('dynamodb');
  try {
    const world = await buildWorld(stack);
    const base = stack.apiUrl;
    const allTokens = Object.values(world.tokens);
    let baseline = await snapshot(base, allTokens);
    let runs = 0;

    const check = async (request: BadRequest): Promise<string[]> => {
      const { method, path, headers, raw } = toCall(world, request);
      const answer: Answer = await call(base, method, path, {
        headers,
        ...(raw === undefined ? {} : { raw }),
      });
      requests++;
      latencies.add(answer.ms);
      if (++runs % 100 === 0) progress(`bad input: ${runs} requests`);
      // A HEAD answer has no body to hold the error shape.
      const problems = method === 'HEAD' ? [] : errorShapeViolations(answer);
      if (answer.status >= 500) problems.push(`${answer.status} ${answer.text.slice(0, 200)}`);
      if (!READ_ONLY.has(method)) {
        const after = await snapshot(base, allTokens);
        if (answer.status >= 400 && after !== baseline)
          problems.push(`storage changed on a ${answer.status}`);
        baseline = after;
        // A rename reaches old posts and comments from the table's stream, after its 200: the baseline is
        // what storage holds once that is done (the contract's 2 s locally).
        if (answer.status < 300 && method === 'PATCH' && path.split('?')[0] === '/api/me') {
          baseline = await settledSnapshot(base, allTokens, baseline);
        }
      }
      if (
        answer.status === 204 &&
        method === 'DELETE' &&
        /^\/api\/posts\/[^/]+$/.test(path.split('?')[0] ?? '')
      ) {
        // A legitimate delete of the pool's post: replace it so later inputs still reach a real post.
        world.posts = world.posts.filter((id) => !path.includes(id));
        if (world.posts.length === 0) world.posts.push((await createPost(base, world.tokens.owner)).id);
        baseline = await snapshot(base, allTokens);
      }
      if (problems.length > 0) errors++;
      return problems.map(
        (p) => `${p} ← ${describe(method, path, { headers, body: String(raw ?? '').slice(0, 120) })}`,
      );
    };

    const http = await fc.check(
      fc.asyncProperty(requestArb, async (request) => {
        const problems = await check(request);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      }),
      { numRuns: options.runs, seed, endOnFailure: false },
    );
    if (http.failed) violations.add(`HTTP (seed ${seed}): ${failureReport(http)}`);

    progress('bad input: WebSocket frames');
    const ws = await runFrames(world, Math.max(10, Math.floor(options.runs / 2)), seed);
    requests += ws.frames;
    errors += ws.errors;
    for (const v of ws.violations) violations.add(v);

    const health = await call(base, 'GET', '/api/health');
    if (health.status !== 200) violations.add(`health after the run: ${health.status}`);
    return {
      suite: 'bad input (fast-check)',
      inputs: runs + ws.frames,
      requests,
      errors,
      p50Ms: latencies.quantile(0.5),
      p99Ms: latencies.quantile(0.99),
      violations: violations.toArray(),
      note: `seed ${seed}`,
    };
  } finally {
    await stack.close();
  }
}

/** The shrunk counterexample and what it broke. */
function failureReport<T>(details: fc.RunDetails<T>): string {
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return `${error}\ncounterexample ${fc.stringify(details.counterexample)} (path ${details.counterexamplePath})`;
}

/** Frames a client might send: random text, JSON, near-valid actions, binary, and near-limit sizes. */
const frameArb: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .record(
      {
        action: fc.oneof(
          fc.constantFrom('subscribe', 'unsubscribe', 'ping', 'SUBSCRIBE', '', '$default'),
          weirdString,
        ),
        postId: fc.oneof(
          fc.constant('$post'),
          weirdString,
          hugeNumber,
          fc.constant(null),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  deepJsonOf(3_000),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 30_000, max: 32_000 }).map((n) => `{"action":"ping","pad":"${'p'.repeat(n)}"}`),
);

const FRAME_ERROR_CODES = new Set(['bad_request', 'unknown_action', 'not_found', 'rate_limited']);
const FRAME_TYPES = new Set(['subscribed', 'unsubscribed', 'pong', 'error']);

async function runFrames(world: World, runs: number, seed: number) {
  const violations: string[] = [];
  let frames = 0;
  let errors = 0;
  const socket = await openRaw(`${world.stack.wsUrl}?token=${world.tokens.reader}`);
  try {
    const result = await fc.check(
      fc.asyncProperty(frameArb, async (frame) => {
        const data =
          typeof frame === 'string' ? frame.replace('"$post"', JSON.stringify(world.posts[0])) : frame;
        socket.ws.send(data);
        frames++;
        const reply = await socket.next(5_000);
        const problem = frameProblem(reply, socket.ws.readyState);
        if (problem) {
          errors++;
          throw new Error(`${problem} ← frame ${String(data).slice(0, 200)}`);
        }
      }),
      { numRuns: runs, seed },
    );
    if (result.failed) violations.push(`WebSocket (seed ${seed}): ${failureReport(result)}`);
    socket.ws.send('{"action":"ping"}');
    const pong = await socket.next(5_000);
    if ((pong as { type?: string } | undefined)?.type !== 'pong')
      violations.push('no pong after the random frames');
  } finally {
    socket.ws.terminate();
  }
  return { frames, errors, violations };
}

function frameProblem(reply: unknown, readyState: number): string | undefined {
  if (readyState !== WebSocket.OPEN) return 'the connection closed';
  if (reply === undefined) return 'no reply within 5 s';
  const message = reply as { type?: string; code?: string; message?: unknown };
  if (!message.type || !FRAME_TYPES.has(message.type))
    return `unexpected reply ${JSON.stringify(reply).slice(0, 200)}`;
  if (
    message.type === 'error' &&
    (!FRAME_ERROR_CODES.has(String(message.code)) || typeof message.message !== 'string')
  )
    return `error frame ${JSON.stringify(reply).slice(0, 200)}`;
  return undefined;
}

/** A bare `ws` client whose replies are awaited in order, whatever their type. */
export async function openRaw(
  url: string,
): Promise<{ ws: WebSocket; next(timeoutMs: number): Promise<unknown> }> {
  const ws = new WebSocket(url);
  const queue: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  ws.on('message', (data) => {
    let value: unknown;
    try {
      value = JSON.parse(String(data));
    } catch {
      value = { type: 'not-json', text: String(data).slice(0, 200) };
    }
    const waiter = waiters.shift();
    if (waiter) waiter(value);
    else queue.push(value);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    next: (timeoutMs) => {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(done), 1);
          resolve(undefined);
        }, timeoutMs);
        const done = (value: unknown) => {
          clearTimeout(timer);
          resolve(value);
        };
        waiters.push(done);
      });
    },
  };
}
