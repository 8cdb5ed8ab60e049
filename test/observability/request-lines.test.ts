import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import type { RequestSummary } from '../../src/http/middleware/request-log.js';
import { formatRequestLine, terminalRequestLines } from '../../src/local/request-lines.js';
import { type ApiResponse, apiRequest, devToken, type RequestOptions } from '../support/api-request.js';

describe('one line per request on the local terminal', () => {
  let dir: string;
  let lines: RequestSummary[];
  let request: (method: string, path: string, options?: RequestOptions) => Promise<ApiResponse>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-lines-'));
    const config = loadConfig({ APP_REPOSITORY_PROVIDER: 'memory', APP_DATA_DIR: dir, LOG_LEVEL: 'ERROR' });
    lines = [];
    const app = createApp({ ...(await composeApi(config)), requestLines: (line) => lines.push(line) });
    request = (method, path, options) =>
      apiRequest('http://127.0.0.1', method, path, options, (r) => app.fetch(r));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records method, path, status, duration, request id and the signed-in user of each request', async () => {
    const token = await devToken(request, 'alice', 'Alice');
    lines.length = 0;
    const anonymous = await request('GET', '/api/posts');
    const missing = await request('GET', '/api/posts/nope', { token });
    expect(lines).toEqual([
      {
        method: 'GET',
        path: '/api/posts',
        status: 200,
        durationMs: expect.any(Number),
        requestId: anonymous.headers.get('x-request-id'),
      },
      {
        method: 'GET',
        path: '/api/posts/nope',
        status: 404,
        durationMs: expect.any(Number),
        requestId: missing.headers.get('x-request-id'),
        user: 'alice',
      },
    ]);
  });
});

describe('formatRequestLine', () => {
  const summary: RequestSummary = {
    method: 'POST',
    path: '/api/posts',
    status: 201,
    durationMs: 12.34,
    requestId: 'req-1',
    user: 'alice',
  };
  const at = new Date('2026-11-29T10:11:12.345Z');

  it('is one plain line when the output cannot show colour', () => {
    expect(formatRequestLine(summary, { colour: false, at })).toBe(
      '10:11:12.345 POST   /api/posts 201 12.3ms id=req-1 user=alice',
    );
    expect(
      formatRequestLine({ ...summary, user: undefined } as RequestSummary, { colour: false, at }),
    ).toMatch(/ anonymous$/);
  });

  it('colours the status by class on a terminal', () => {
    const colour = (status: number) => formatRequestLine({ ...summary, status }, { colour: true, at });
    expect(colour(201)).toContain('\u001b[32m201\u001b[0m');
    expect(colour(404)).toContain('\u001b[33m404\u001b[0m');
    expect(colour(503)).toContain('\u001b[31m503\u001b[0m');
  });

  it('asks the stream whether it shows colour (a pipe or NO_COLOR does not)', () => {
    const written: string[] = [];
    const write = (text: string) => written.push(text) > 0;
    terminalRequestLines({ write } as never)(summary);
    terminalRequestLines({ write, hasColors: () => true } as never)(summary);
    expect(written[0]).not.toContain('\u001b[');
    expect(written[1]).toContain('\u001b[');
    expect(written.every((line) => line.endsWith('\n') && line.split('\n').length === 2)).toBe(true);
  });
});
