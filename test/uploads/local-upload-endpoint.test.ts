import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalImageStore } from '../../src/adapters/local-disk/local-image-store.js';
import { png } from '../support/images.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

interface ErrorBody {
  error: { code: string; message: string };
}

interface Ticket {
  key: string;
  uploadUrl: string;
  headers: Record<string, string>;
}

/**
 * The local stack's stand-in for S3: the presigned PUT must be exactly the upload that was signed, and
 * since the bytes pass through here, they must be the declared image type.
 */
describe('local upload endpoint', () => {
  let stack: TestStack;
  let alice: string;
  const picture = png(8, 8);

  beforeAll(async () => {
    stack = await startTestStack('memory');
    alice = await stack.token('alice', 'Alice');
  });
  afterAll(() => stack.close());

  const ticketFor = async (contentType = 'image/png', size = picture.length): Promise<Ticket> =>
    (await stack.request('POST', '/api/uploads', { token: alice, body: { contentType, size } })).body;
  const put = async (url: string, body: Uint8Array, headers: Record<string, string>) => {
    const response = await fetch(url, { method: 'PUT', headers, body });
    return {
      status: response.status,
      body: (response.status === 200 ? null : await response.json()) as ErrorBody,
    };
  };
  const isStored = async (key: string) =>
    (
      await stack.request('POST', '/api/posts', {
        token: alice,
        body: { title: 't', body: 'b', imageKey: key },
      })
    ).status === 201;

  it('refuses bytes that are not the declared type with 415, and stores nothing', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]);
    const ticket = await ticketFor('image/png', gif.length);
    const response = await put(ticket.uploadUrl, gif, ticket.headers);
    expect(response).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    expect(await isStored(ticket.key)).toBe(false);
  });

  it('refuses a PUT whose Content-Type or size differs from the signed upload with 403', async () => {
    const ticket = await ticketFor();
    const otherType = await put(ticket.uploadUrl, picture, {
      ...ticket.headers,
      'Content-Type': 'image/gif',
    });
    expect(otherType).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const bigger = Buffer.concat([picture, Buffer.alloc(10)]);
    const otherSize = await put(ticket.uploadUrl, bigger, { 'Content-Type': 'image/png' });
    expect(otherSize.status).toBe(403);
    expect(await isStored(ticket.key)).toBe(false);
  });

  it('refuses more than 5 MiB with 413 before reading it', async () => {
    const ticket = await ticketFor();
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1);
    picture.copy(huge);
    const response = await put(ticket.uploadUrl, huge, { 'Content-Type': 'image/png' });
    expect(response).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('refuses a missing or tampered signature with 403', async () => {
    const ticket = await ticketFor();
    const url = new URL(ticket.uploadUrl);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');
    expect((await put(unsigned.href, picture, ticket.headers)).status).toBe(403);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await put(tampered.href, picture, ticket.headers)).status).toBe(403);
  });

  it('refuses an expired upload URL with 403 saying how to get a new one', async () => {
    // A URL signed with the stack's own secret, whose expiry has passed.
    const store = new LocalImageStore({
      dir: join(stack.dataDir, 'uploads'),
      secret: (await readFile(join(stack.dataDir, 'upload-secret'), 'utf8')).trim(),
      publicUrl: stack.apiUrl,
      clock: { now: () => new Date() },
    });
    const key = (await ticketFor()).key;
    const expired = await store.presignUpload({
      key,
      contentType: 'image/png',
      size: picture.length,
      expiresAt: new Date(Date.now() - 1_000),
    });
    const response = await put(expired.url, picture, expired.headers);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/expired.*POST \/api\/uploads/);
    expect(await isStored(key)).toBe(false);
  });

  it('serves an image only through its signed URL, and no path outside the store', async () => {
    const ticket = await ticketFor();
    expect((await put(ticket.uploadUrl, picture, ticket.headers)).status).toBe(200);
    const { body: post } = await stack.request('POST', '/api/posts', {
      token: alice,
      body: { title: 't', body: 'b', imageKey: ticket.key },
    });
    const url = new URL(post.imageUrl);
    expect((await fetch(url)).status).toBe(200);
    url.searchParams.set('signature', 'x'.repeat(43));
    expect((await fetch(url)).status).toBe(403);
    const traversal = await fetch(`${stack.apiUrl}/local-uploads/uploads/alice/..%2F..%2Fupload-secret`);
    expect(traversal.status).toBe(404);
    expect(((await traversal.json()) as ErrorBody).error.code).toBe('not_found');
  });
});
