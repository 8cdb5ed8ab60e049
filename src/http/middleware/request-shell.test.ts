import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { allowedMethods } from '../allowed-methods.js';
import { answerJson } from '../answer-headers.js';
import { corsOptionsFor, createShell, SECURITY_OPTIONS } from '../app-shell.js';
import type { HttpEnv } from '../http-env.js';

/**
 * The shell's one middleware against the middleware it stands for: Hono's own `secureHeaders` and `cors`
 * with the same options, and a request id echoed afterwards. Same routes behind each: JSON (ours through
 * `answerJson` where a route can, theirs through `c.json`), a handler's own headers, an empty answer, an
 * error, no route, and preflights (with the `Allow` the shell adds to every OPTIONS).
 */
function routes(app: Hono<HttpEnv>, recordAnswers: boolean): Hono<HttpEnv> {
  const body = { id: 'p1', title: 'Hello' };
  app.get('/json', (c) => (recordAnswers ? answerJson(c, body, 200) : c.json(body)));
  app.get('/etag', (c) => {
    if (recordAnswers) return answerJson(c, body, 201, { etag: '"1"', location: '/json' });
    c.header('ETag', '"1"');
    c.header('Location', '/json');
    return c.json(body, 201);
  });
  app.get('/own', (c) => {
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Powered-By', 'blogapp');
    c.header('Vary', 'Accept');
    return c.json(body);
  });
  app.delete('/empty', (c) => c.body(null, 204));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.onError((_error, c) => c.json({ error: 'internal' }, 500));
  return app;
}

function honoStack(origins: string[]): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const allowedAt = allowedMethods(app);
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('X-Request-Id', c.req.header('x-request-id') ?? '');
    // Beyond Hono's cors: every OPTIONS of a served path names its methods, as a 405 does.
    const allowed = c.req.method === 'OPTIONS' ? allowedAt(c.req.path) : undefined;
    if (allowed) c.res.headers.set('Allow', allowed);
  });
  app.use(secureHeaders(SECURITY_OPTIONS));
  app.use(cors(corsOptionsFor(origins)));
  return routes(app, false);
}

function shell(origins: string[]): Hono<HttpEnv> {
  const logger = new Logger({ logLevel: 'SILENT' });
  return routes(createShell({ config: { allowedOrigins: origins }, logger }), true);
}

const ALLOWED = 'http://localhost:3000';
const requests: [string, string, Record<string, string>][] = [
  ['GET', '/json', { origin: ALLOWED }],
  ['GET', '/json', { origin: 'https://evil.example' }],
  ['GET', '/json', {}],
  ['GET', '/etag', { origin: ALLOWED }],
  ['GET', '/etag', {}],
  ['GET', '/own', { origin: ALLOWED }],
  ['DELETE', '/empty', { origin: ALLOWED }],
  ['GET', '/boom', { origin: ALLOWED }],
  ['GET', '/missing', { origin: ALLOWED }],
  ['OPTIONS', '/json', { origin: ALLOWED, 'access-control-request-method': 'POST' }],
  ['OPTIONS', '/json', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }],
];

async function answer(app: Hono<HttpEnv>, [method, path, headers]: (typeof requests)[number]) {
  const response = await app.request(path, { method, headers: { ...headers, 'x-request-id': 'req-1' } });
  const sorted = [...response.headers].sort(([a], [b]) => a.localeCompare(b));
  return { status: response.status, headers: sorted, body: await response.text() };
}

describe('the request shell', () => {
  for (const origins of [[ALLOWED, 'http://127.0.0.1:3000'], ['*']]) {
    it(`answers with exactly the headers of Hono's own middleware, origins ${origins}`, async () => {
      const ours = shell(origins);
      const theirs = honoStack(origins);
      for (const request of requests) {
        // Twice: the first request works the shell's lists out, the second uses them.
        for (let round = 0; round < 2; round++) {
          expect(await answer(ours, request), `${request.join(' ')} #${round}`).toEqual(
            await answer(theirs, request),
          );
        }
      }
    });
  }

  it('echoes a sane caller id, falls back to x-correlation-id, and mints one otherwise', async () => {
    const app = shell(['*']);
    const idOf = async (headers: Record<string, string>) =>
      (await app.request('/json', { headers })).headers.get('x-request-id');
    expect(await idOf({ 'x-request-id': 'abc-1' })).toBe('abc-1');
    expect(await idOf({ 'x-request-id': 'bad id', 'x-correlation-id': 'corr-1' })).toBe('corr-1');
    const minted = await idOf({ 'x-request-id': 'bad "id"' });
    expect(minted).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf({})).not.toBe(minted);
  });
});
