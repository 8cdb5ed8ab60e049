import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../src/composition/create-metrics.js';
import { createShell } from '../../src/http/app-shell.js';

// These tests read Powertools' own JSON lines from the process's streams, as Lambda does, not the console
// that the rest of the suite sends them to (vitest.config.ts).
vi.stubEnv('POWERTOOLS_DEV', 'false');

/** EMF documents Powertools printed to stdout while `run` ran. */
async function emfDuring(run: () => unknown): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));
}

describe('business metrics', () => {
  afterEach(() => vi.restoreAllMocks());

  const app = () => {
    const metrics = createMetrics({ environment: 'staging' });
    if (!metrics) throw new Error('metrics are on outside local');
    const logger = new Logger({ logLevel: 'SILENT' });
    const hono = createShell({ config: { allowedOrigins: ['*'] }, logger, metrics });
    hono.post('/api/posts', (c) => c.json({}, 201));
    hono.post('/api/posts/:id/comments', (c) => c.json({ error: {} }, c.req.query('fail') ? 422 : 201));
    hono.get('/api/posts', (c) => c.json({ items: [] }));
    return hono;
  };

  it('counts a successful write as an EMF metric in the blogapp namespace, per environment', async () => {
    const hono = app();
    const [document] = await emfDuring(() => hono.request('/api/posts', { method: 'POST' }));
    expect(document).toMatchObject({ PostCreated: 1, environment: 'staging', service: 'blogapp' });
    expect(JSON.stringify(document?._aws)).toContain('"Namespace":"blogapp"');
  });

  it('counts nothing for reads and refused writes', async () => {
    const hono = app();
    const documents = await emfDuring(async () => {
      await hono.request('/api/posts');
      await hono.request('/api/posts/p1/comments?fail=1', { method: 'POST' });
    });
    expect(documents).toEqual([]);
    const [created] = await emfDuring(() => hono.request('/api/posts/p1/comments', { method: 'POST' }));
    expect(created).toMatchObject({ CommentCreated: 1 });
  });

  it('is off locally', () => {
    expect(createMetrics({ environment: 'local' })).toBeUndefined();
  });
});
