import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Two API processes on one table, as two warm Lambda instances are: each remembers the profiles it has seen.
// A rename made through one must not leave the other answering or stamping the old name, because the copy of
// the new name to old posts and comments has already run by then and would never fix what it stamps after.
describe('a rename made through another process', () => {
  let db: EmbeddedDynamoDb;
  let dataDir: string;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    // One data dir, so both trust the same local issuer's tokens.
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-two-instances-'));
    const env = { APP_DYNAMODB_ENDPOINT: db.endpoint, APP_DATA_DIR: dataDir };
    one = await startTestApp('dynamodb', env);
    two = await startTestApp('dynamodb', env);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const renamedThroughOne = async (userId: string) => {
    const token = await one.token(userId, 'Ada');
    // The other process meets the user first, so it remembers the old name.
    expect((await two.request('GET', '/api/me', { token })).body.displayName).toBe('Ada');
    const renamed = await one.request('PATCH', '/api/me', { token, body: { displayName: 'Grace' } });
    expect(renamed.status).toBe(200);
    return token;
  };

  it('stamps the new name on the posts and comments the other process writes', async () => {
    const token = await renamedThroughOne('ada-writes');

    const post = await two.request('POST', '/api/posts', { token, body: { title: 'After', body: 'b' } });
    const comment = await two.request('POST', `/api/posts/${post.body.id}/comments`, {
      token,
      body: { body: 'c' },
    });

    expect(post.status).toBe(201);
    expect(post.body.authorName).toBe('Grace');
    expect(comment.status).toBe(201);
    expect(comment.body.authorName).toBe('Grace');
    const stored = await one.request('GET', `/api/posts/${post.body.id}/comments`);
    expect((stored.body.items as { authorName: string }[]).map((c) => c.authorName)).toEqual(['Grace']);
    expect((await one.request('GET', `/api/posts/${post.body.id}`)).body.authorName).toBe('Grace');
  });

  it('answers GET /api/me with the new name', async () => {
    const token = await renamedThroughOne('ada-reads');

    const me = await two.request('GET', '/api/me', { token });

    expect(me.body.displayName).toBe('Grace');
  });

  it('replays an Idempotency-Key retried after the rename with the first answer', async () => {
    const token = await one.token('ada-retries', 'Ada');
    const headers = { 'idempotency-key': 'retry-1' };
    const body = { title: 'Once', body: 'b' };
    const first = await two.request('POST', '/api/posts', { token, body, headers });
    await one.request('PATCH', '/api/me', { token, body: { displayName: 'Grace' } });

    const retried = await two.request('POST', '/api/posts', { token, body, headers });

    expect(retried.body).toEqual(first.body);
    expect(first.body.authorName).toBe('Ada');
  });
});
