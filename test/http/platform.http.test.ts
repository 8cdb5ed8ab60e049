import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('platform behaviour over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp('dynamodb');
  });
  afterAll(() => api.close());

  it.each(['/api/health', '/health'])('%s checks storage and reports the environment', async (path) => {
    const response = await api.request('GET', path);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'healthy',
      environment: 'local',
      version: '0.1.0',
      checks: { database: 'ok' },
    });
  });

  it('refuses a bad token on health and the docs as on every route, and serves a good one or none', async () => {
    const good = await api.token('meta-reader');
    for (const path of ['/api/health', '/health', '/openapi.json', '/docs', '/docs/swagger-ui.css']) {
      for (const token of ['not-a-jwt', `${good.slice(0, -4)}AAAA`]) {
        const refused = await api.request('GET', path, { token });
        expect(refused.status, `${path} with a bad token`).toBe(401);
        expect(refused.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
      const malformed = await api.request('GET', path, { headers: { authorization: 'Basic abc' } });
      expect(malformed.status, `${path} with a non-bearer header`).toBe(401);
      expect((await api.request('GET', path, { token: good })).status, `${path} with a good token`).toBe(200);
      expect((await api.request('GET', path)).status, `${path} without a token`).toBe(200);
    }
  });

  it('echoes a sane x-request-id, falls back to x-correlation-id, and mints one otherwise', async () => {
    expect(
      (await api.request('GET', '/api/health', { headers: { 'x-request-id': 'abc-123' } })).headers.get(
        'x-request-id',
      ),
    ).toBe('abc-123');
    expect(
      (await api.request('GET', '/api/health', { headers: { 'x-correlation-id': 'corr-9' } })).headers.get(
        'x-request-id',
      ),
    ).toBe('corr-9');
    const insane = await api.request('GET', '/api/health', { headers: { 'x-request-id': 'a b"<script>' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the error shape', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/nope'],
      ['DELETE', '/api/posts/01NOPE/nope'],
    ] as const) {
      const response = await api.request(method, path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    // A route that exists and finds nothing is a 404 too, not a 405.
    expect((await api.request('GET', '/api/posts/01NOPE')).status).toBe(404);
  });

  it('answers a method a path is not served for with 405 and the methods it is', async () => {
    for (const [method, path, allowed] of [
      ['POST', '/api/me/favorites', 'GET, HEAD, OPTIONS'],
      ['PUT', '/api/posts', 'GET, HEAD, POST, OPTIONS'],
      ['POST', '/api/posts/01NOPE', 'GET, HEAD, PATCH, DELETE, OPTIONS'],
      ['GET', '/api/uploads', 'POST, OPTIONS'],
    ] as const) {
      const response = await api.request(method, path, method === 'GET' ? {} : { body: {} });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allowed);
      expect(response.body).toEqual({ error: { code: 'method_not_allowed', message: expect.any(String) } });
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('admits requests no route of the API answers as it admits the API routes (bad token 401, bodies JSON)', async () => {
    // The routes run the admission in their own handler; these requests meet it as a middleware instead.
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['PUT', '/api/posts/01NOPE'],
      ['POST', '/api/dev/token'],
    ] as const) {
      const response = await api.request(method, path, {
        token: 'not-a-jwt',
        ...(method === 'GET' ? {} : { body: { userId: 'eve' } }),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
    }
    const notJson = await api.request('POST', '/api/dev/token', {
      raw: 'userId=eve',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('unsupported_media_type');
    const tooBig = await api.request('PUT', '/api/nope', { body: { text: 'x'.repeat(70 * 1024) } });
    expect(tooBig.status).toBe(413);
  });

  it('sets security headers', async () => {
    const { headers } = await api.request('GET', '/api/health');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('allows CORS from the configured origins only', async () => {
    const allowed = await api.request('OPTIONS', '/api/posts', {
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const other = await api.request('GET', '/api/posts', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the generated OpenAPI document and the docs page', async () => {
    const doc = await api.request('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/posts',
        '/api/posts/{id}',
        '/api/posts/{id}/comments',
        '/api/me',
        '/api/health',
      ]),
    );
    expect(doc.body.components.schemas.CreatePost.properties.title).toMatchObject({
      minLength: 1,
      maxLength: 200,
    });
    const docs = await api.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('issues dev tokens only for sane user ids', async () => {
    const bad = await api.request('POST', '/api/dev/token', { body: { userId: 'has spaces' } });
    expect(bad.status).toBe(422);
  });
});

describe('production surface', () => {
  let api: TestApp;
  beforeAll(async () => {
    // The app with production settings: what a production Lambda serves.
    api = await startTestApp('memory', {
      APP_ENVIRONMENT: 'production',
      APP_AUTH_PROVIDER: 'firebase',
      FIREBASE_PROJECT_ID: 'blogapp-test',
      APP_CURSOR_SECRET: 'p'.repeat(32),
      APP_ALLOWED_ORIGINS: 'https://blog.example.com',
      APP_UPLOADS_BUCKET: 'blogapp-production-uploads',
    });
  });
  afterAll(() => api.close());

  it.each([
    ['GET', '/docs'],
    ['GET', '/openapi.json'],
    ['POST', '/api/dev/token'],
    ['GET', '/.well-known/jwks.json'],
  ])('has no %s %s', async (method, path) => {
    const body = method === 'POST' ? { userId: 'x' } : undefined;
    expect((await api.request(method, path, { body })).status).toBe(404);
  });

  it('reports production in health', async () => {
    expect((await api.request('GET', '/api/health')).body.environment).toBe('production');
  });
});
