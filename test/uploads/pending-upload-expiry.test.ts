import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../support/images.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/**
 * In AWS the bucket's lifecycle rule deletes uploads still tagged `pending` a day after they were made. The
 * local stack does the same, after APP_LOCAL_UPLOAD_EXPIRY_SECONDS (here 3 s instead of a day, so
 * the upload is surely attached before it could expire).
 */
describe('local pending upload expiry', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack('memory', { APP_LOCAL_UPLOAD_EXPIRY_SECONDS: '3' });
    token = await stack.token('uploader', 'Uploader');
  });
  afterAll(() => stack?.close());

  const upload = async () => {
    const bytes = png(16, 16);
    const ticket = await stack.request('POST', '/api/uploads', {
      token,
      body: { contentType: 'image/png', size: bytes.length },
    });
    const put = await fetch(ticket.body.uploadUrl, {
      method: 'PUT',
      headers: ticket.body.headers,
      body: bytes,
    });
    expect(put.status).toBe(200);
    return ticket.body.key as string;
  };

  it('deletes an upload never attached once it is older than the expiry, and keeps the image a post shows', async () => {
    // Prepare
    const attachedKey = await upload();
    const post = await stack.request('POST', '/api/posts', {
      token,
      body: { title: 'Kept', body: 'Its picture stays.', imageKey: attachedKey },
    });
    expect(post.status).toBe(201);
    const abandonedKey = await upload();
    const stored = (key: string) => existsSync(join(stack.dataDir, 'uploads', key));
    expect(stored(abandonedKey)).toBe(true);
    // Act: wait, bounded, for the sweep (every quarter of the expiry) to take the abandoned upload.
    const deadline = Date.now() + 15_000;
    while (stored(abandonedKey) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const late = await stack.request('POST', '/api/posts', {
      token,
      body: { title: 'Late', body: 'Too late.', imageKey: abandonedKey },
    });
    // Assess
    expect(stored(abandonedKey)).toBe(false);
    expect(late.status).toBe(422);
    // Attaching froze the upload into a copy of the post's own, which no sweep of pending uploads touches.
    expect(post.body.imageKey).not.toBe(attachedKey);
    expect(stored(post.body.imageKey)).toBe(true);
    const kept = await fetch((await stack.request('GET', `/api/posts/${post.body.id}`)).body.imageUrl);
    expect(kept.status).toBe(200);
  });
});
