import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { answerJson } from './answer-headers.js';
import { createShell } from './app-shell.js';

/**
 * The shell's middleware on two routes answering the same JSON: one through `answerJson` (headers written
 * as a plain record), one through Hono's `c.header` + `c.json` (headers set onto the response afterwards).
 */
function appFor(allowedOrigins: string[]) {
  const app = createShell({ config: { allowedOrigins }, logger: new Logger({ logLevel: 'SILENT' }) });
  const body = { id: 'p1', title: 'Hello' };
  app.get('/record', (c) => answerJson(c, body, 200, { etag: '"v1"' }));
  app.get('/hono', (c) => {
    c.header('ETag', '"v1"');
    return c.json(body, 200);
  });
  return app;
}

async function answer(app: ReturnType<typeof appFor>, path: string, headers: Record<string, string>) {
  const response = await app.request(path, { headers });
  const sorted = [...response.headers].sort(([a], [b]) => a.localeCompare(b));
  return { status: response.status, headers: sorted, body: await response.text() };
}

describe('answerJson', () => {
  const cases: { origins: string[]; request: Record<string, string> }[] = [
    { origins: ['*'], request: {} },
    { origins: ['http://localhost:3000'], request: { origin: 'http://localhost:3000' } },
    { origins: ['http://localhost:3000'], request: { origin: 'http://elsewhere.example' } },
  ];
  for (const { origins, request } of cases) {
    it(`answers with exactly the headers c.json gets, origins ${origins}, request ${JSON.stringify(request)}`, async () => {
      const app = appFor(origins);
      const headers = { ...request, 'x-request-id': 'req-1' };
      // Twice: the first answer of a header list makes its record's shape, the second reuses it.
      for (let round = 0; round < 2; round++) {
        const ours = await answer(app, '/record', headers);
        expect(ours).toEqual(await answer(app, '/hono', headers));
        expect(Object.fromEntries(ours.headers)).toMatchObject({
          etag: '"v1"',
          'x-request-id': 'req-1',
          'x-content-type-options': 'nosniff',
        });
      }
    });
  }

  it('gives each request its own request id', async () => {
    const app = appFor(['*']);
    const first = await app.request('/record');
    const second = await app.request('/record');
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });
});
