import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/test-stack.js';

describe('local stack on embedded dynalite', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps data, tokens and cursors across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'blogapp-restart-'));
    dirs.push(dataDir);
    const first = await startTestStack('dynamodb', {}, dataDir);
    const token = await first.token('alice', 'Alice');
    const ids: string[] = [];
    for (const title of ['one', 'two']) {
      ids.push((await first.request('POST', '/api/posts', { token, body: { title, body: 'kept' } })).body.id);
    }
    await first.request('POST', `/api/posts/${ids[0]}/comments`, { token, body: { body: 'kept too' } });
    const page = await first.request('GET', '/api/posts?limit=1');
    await first.close();

    const second = await startTestStack('dynamodb', {}, dataDir);
    try {
      const post = await second.request('GET', `/api/posts/${ids[0]}`, { token });
      expect(post.status).toBe(200);
      expect(post.body).toMatchObject({ title: 'one', commentCount: 1 });
      const next = await second.request('GET', `/api/posts?limit=1&cursor=${page.body.nextCursor}`);
      expect(next.body.items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    } finally {
      await second.close();
    }
  });
});
