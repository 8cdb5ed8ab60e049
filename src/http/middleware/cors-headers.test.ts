import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { corsHeaders } from './cors-headers.js';

const options = {
  allowHeaders: ['Authorization', 'Content-Type'],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  exposeHeaders: ['ETag', 'X-Request-Id'],
  maxAge: 600,
};

/** The same routes behind a CORS middleware: a JSON answer, a handler's own header, an empty one, an error. */
function appWith(middleware: ReturnType<typeof cors>): Hono {
  const app = new Hono();
  app.use(middleware);
  app.get('/json', (c) => c.json({ ok: true }));
  app.get('/etag', (c) => {
    c.header('ETag', '"1"');
    c.header('Vary', 'Accept');
    return c.json({ ok: true });
  });
  app.delete('/empty', (c) => c.body(null, 204));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.onError((_error, c) => c.json({ error: 'internal' }, 500));
  return app;
}

const requests: [string, string, Record<string, string>][] = [
  ['GET', '/json', { origin: 'http://localhost:3000' }],
  ['GET', '/json', { origin: 'https://evil.example' }],
  ['GET', '/json', {}],
  ['GET', '/etag', { origin: 'http://localhost:3000' }],
  ['DELETE', '/empty', { origin: 'http://localhost:3000' }],
  ['GET', '/boom', { origin: 'http://localhost:3000' }],
  ['GET', '/missing', { origin: 'http://localhost:3000' }],
  ['OPTIONS', '/json', { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' }],
  ['OPTIONS', '/json', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }],
];

async function answer(app: Hono, [method, path, headers]: (typeof requests)[number]) {
  const response = await app.request(path, { method, headers });
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

describe('corsHeaders', () => {
  for (const origin of [['http://localhost:3000', 'http://127.0.0.1:3000'], '*']) {
    it(`answers exactly as Hono's cors does, origins ${JSON.stringify(origin)}`, async () => {
      const ours = appWith(corsHeaders({ ...options, origin }));
      const hono = appWith(cors({ ...options, origin }));
      for (const request of requests) {
        expect(await answer(ours, request), request.join(' ')).toEqual(await answer(hono, request));
      }
    });
  }

  it('refuses credentials, which it does not implement', () => {
    expect(() => corsHeaders({ ...options, origin: '*', credentials: true })).toThrow(/credentials/);
  });
});
