import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmokeSuite, SMOKE_CHECKS, type SmokeResult } from '../../src/smoke/smoke-suite.js';
import { runCliProcess } from '../support/cli-process.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** A port that was free a moment ago and that nobody listens on now. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const statuses = (results: SmokeResult[]) => Object.fromEntries(results.map((r) => [r.check, r.status]));

describe('smoke suite against the real local stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('memory');
  });
  afterAll(async () => {
    await stack.close();
  });

  const smokePosts = async () =>
    ((await stack.request('GET', '/api/posts?limit=100')).body.items as { tags: string[] }[]).filter((p) =>
      p.tags.includes('smoke'),
    );

  it('passes every check, in order, with the local issuer’s token, and leaves no post behind', async () => {
    const seen: string[] = [];
    const results = await runSmokeSuite({
      apiUrl: stack.apiUrl,
      wsUrl: stack.wsUrl,
      onResult: (r) => seen.push(r.check),
    });

    expect(results.map((r) => [r.check, r.status])).toEqual(SMOKE_CHECKS.map((check) => [check, 'passed']));
    expect(seen).toEqual([...SMOKE_CHECKS]);
    expect(results.find((r) => r.check === 'health')?.detail).toContain('environment local');
    expect(results.find((r) => r.check === 'comment-push')?.detail).toMatch(
      /comment\.created arrived \d+ ms/,
    );
    expect(await smokePosts()).toEqual([]);
  });

  it('accepts the base the local banner prints, with /api and a trailing slash', async () => {
    const results = await runSmokeSuite({ apiUrl: `${stack.apiUrl}/api/`, wsUrl: stack.wsUrl });
    expect(results.every((r) => r.status === 'passed')).toBe(true);
  });

  it('names the failing check when nobody listens at the WebSocket URL, and still deletes its post', async () => {
    const results = await runSmokeSuite({
      apiUrl: stack.apiUrl,
      wsUrl: `ws://127.0.0.1:${await deadPort()}`,
    });

    expect(statuses(results)).toEqual({
      health: 'passed',
      'auth-required': 'passed',
      'create-post': 'passed',
      'websocket-subscribe': 'failed',
      'comment-push': 'not-run',
      favorite: 'not-run',
      'delete-post': 'passed',
    });
    expect(results.find((r) => r.check === 'websocket-subscribe')?.detail).toMatch(/could not connect/);
    expect(results.find((r) => r.check === 'comment-push')?.detail).toBe('websocket-subscribe failed');
    expect(await smokePosts()).toEqual([]);
  });

  it('fails the signed-in checks with a token the API does not accept', async () => {
    const results = await runSmokeSuite({ apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, token: 'not-a-jwt' });
    expect(statuses(results)['create-post']).toBe('failed');
    expect(results.find((r) => r.check === 'create-post')?.detail).toContain('401');
    expect(statuses(results)['delete-post']).toBe('not-run');
  });

  it('runs as `npm run smoke` from API_URL and WS_URL, exiting 1 with the failing check named', async () => {
    const run = await runCliProcess('src/entry/cli/smoke.ts', [], {
      env: { API_URL: stack.apiUrl, WS_URL: `ws://127.0.0.1:${await deadPort()}` },
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✓ health\s+pass \(\d+ ms\)/);
    expect(run.stdout).toMatch(/✗ websocket-subscribe\s+FAIL/);
    expect(run.stdout).toContain('smoke: 4 passed, 1 failed, 2 not run');
    expect(run.stderr).toContain('smoke failed: websocket-subscribe');
  });

  it('exits 0 from the command line when everything passes', async () => {
    const run = await runCliProcess('src/entry/cli/smoke.ts', ['--api', stack.apiUrl, '--ws', stack.wsUrl]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('smoke: 7 passed, 0 failed, 0 not run');
  });
});

describe('smoke suite against a deployed environment without a token', () => {
  // Stands in for a deployed API: healthy, not `local`, refusing anonymous writes. Records what it was asked.
  const requests: string[] = [];
  let reportedEnvironment = 'staging';
  const api = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const healthy = request.url === '/api/health';
    response.writeHead(healthy ? 200 : 401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        healthy
          ? {
              status: 'healthy',
              environment: reportedEnvironment,
              version: '1.2.3',
              checks: { database: 'ok' },
            }
          : { error: { code: 'unauthorized', message: 'sign in' } },
      ),
    );
  });
  beforeAll(() => new Promise<void>((ready) => api.listen(0, '127.0.0.1', ready)));
  afterAll(() => new Promise((done) => api.close(done)));

  it('reports the signed-in checks as not run (not passed), saying why, and asks for no dev token', async () => {
    const { port } = api.address() as AddressInfo;
    const results = await runSmokeSuite({ apiUrl: `http://127.0.0.1:${port}`, wsUrl: 'ws://127.0.0.1:1' });

    expect(statuses(results)).toEqual({
      health: 'passed',
      'auth-required': 'passed',
      'create-post': 'not-run',
      'websocket-subscribe': 'not-run',
      'comment-push': 'not-run',
      favorite: 'not-run',
      'delete-post': 'not-run',
    });
    expect(results.find((r) => r.check === 'create-post')?.detail).toMatch(
      /no token: pass --token or SMOKE_TOKEN/,
    );
    expect(requests).toEqual(['GET /api/health', 'POST /api/posts']);
  });

  it('runs read-only against production unless told otherwise, even with a token', async () => {
    const { port } = api.address() as AddressInfo;
    requests.length = 0;
    reportedEnvironment = 'production';
    try {
      const results = await runSmokeSuite({
        apiUrl: `http://127.0.0.1:${port}`,
        wsUrl: 'ws://127.0.0.1:1',
        token: 'a-real-looking-token',
      });
      expect(statuses(results)).toMatchObject({
        health: 'passed',
        'auth-required': 'passed',
        'create-post': 'not-run',
      });
      expect(results.find((r) => r.check === 'create-post')?.detail).toMatch(
        /read-only run \(production\).*--writes/,
      );
      expect(requests).toEqual(['GET /api/health', 'POST /api/posts']);
    } finally {
      reportedEnvironment = 'staging';
    }
  });
});
