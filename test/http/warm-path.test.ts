import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { API_ROUTES } from '../../src/http/docs/openapi-document.js';
import type { HttpEnv } from '../../src/http/http-env.js';
import { serveWebClient } from '../../src/local/web-client.js';
import { aPost } from '../support/storage-fixtures.js';

/** The API's routes that match more than one handler of `app`. */
function composedRoutes(app: Hono<HttpEnv>): string[] {
  return API_ROUTES.filter((route) => !route.path.startsWith('/broadcast'))
    .filter((route) => {
      const path = route.path.replaceAll(/{\w+}/g, 'x');
      return app.router.match(route.method.toUpperCase(), path)[0].length !== 1;
    })
    .map((route) => `${route.method} ${route.path}`);
}

// The shape the warm path's speed rests on (measured in `make bench`, asserted here as structure, not time).
describe('the warm path', () => {
  let dir: string;
  let app: Hono<HttpEnv>;
  const post = aPost();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-warm-'));
    const config = loadConfig({ APP_REPOSITORY_PROVIDER: 'memory', APP_DATA_DIR: dir, LOG_LEVEL: 'ERROR' });
    const storage = createMemoryStorage();
    await storage.posts.create(post);
    app = createApp(await composeApi(config, { storage }));
    // The first request works out the shell's headers (asynchronously, once).
    await app.request('/api/health');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Hono calls a request's handler directly only when it is the one handler the path matches; a middleware
  // on the same path makes it compose them (request-shell.ts).
  it('matches each API route to exactly one handler, so Hono composes nothing for it', () => {
    expect(composedRoutes(app)).toEqual([]);
  });

  it('keeps it so with the local web client served beside the API, as `make local` does', async () => {
    const webDir = join(dir, 'web');
    await mkdir(join(webDir, 'assets'), { recursive: true });
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>blogapp</title>');
    const config = loadConfig({ APP_REPOSITORY_PROVIDER: 'memory', APP_DATA_DIR: dir, LOG_LEVEL: 'ERROR' });
    const local = createApp(await composeApi(config));
    expect(serveWebClient(local, webDir, 3001, { images: [], signIn: [] })).toBe(true);
    expect(composedRoutes(local)).toEqual([]);
    expect((await local.request('/')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  // A Response rather than a promise takes @hono/node-server's shorter path (awaitable.ts).
  it('answers a post read from memory at once, with the same answer as ever', async () => {
    const answer = app.fetch(
      new Request(`http://127.0.0.1/api/posts/${post.id}`, { headers: { origin: 'x' } }),
    );
    expect(answer).toBeInstanceOf(Response);
    const response = await answer;
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"v${post.version}"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ id: post.id, title: post.title, favoritedByMe: false });
  });

  it('refuses a missing post and a bad token as before, through the error handler', async () => {
    const missing = app.fetch(new Request('http://127.0.0.1/api/posts/nope'));
    expect(missing).toBeInstanceOf(Promise);
    expect((await missing).status).toBe(404);
    const signedIn = app.fetch(
      new Request(`http://127.0.0.1/api/posts/${post.id}`, { headers: { authorization: 'Bearer bad' } }),
    );
    expect((await signedIn).status).toBe(401);
  });
});
