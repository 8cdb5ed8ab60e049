import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../support/images.js';
import { startS3, type TestS3 } from '../support/s3rver.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

interface Ticket {
  key: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** The client's side of an upload: the PUT to the presigned URL, with exactly the headers it was given. */
function putTo(ticket: Ticket, bytes: Uint8Array, headers: Record<string, string> = {}) {
  return fetch(ticket.uploadUrl, { method: 'PUT', headers: { ...ticket.headers, ...headers }, body: bytes });
}

const providers = {
  /** Files under the data dir, served by the local API. */
  local: async () => ({ stack: await startTestStack('memory'), close: async () => {} }),
  /** A real S3-compatible server (s3rver) on loopback, through the S3 adapter. */
  s3: async () => {
    const s3: TestS3 = await startS3();
    Object.assign(process.env, s3.env);
    const stack = await startTestStack('memory', {
      APP_UPLOADS_PROVIDER: 's3',
      APP_UPLOADS_BUCKET: s3.bucket,
      APP_UPLOADS_ENDPOINT: s3.endpoint,
    });
    return { stack, close: s3.close };
  },
};

describe.each(Object.keys(providers) as (keyof typeof providers)[])(
  'image uploads end to end (%s)',
  (provider) => {
    let stack: TestStack;
    let closeProvider: () => Promise<void>;
    let alice: string;
    let bob: string;
    const picture = png(16, 12);

    beforeAll(async () => {
      ({ stack, close: closeProvider } = await providers[provider]());
      alice = await stack.token('alice', 'Alice');
      bob = await stack.token('bob', 'Bob');
    });
    afterAll(async () => {
      await stack.close();
      await closeProvider();
    });

    const ticketFor = async (
      token: string,
      contentType = 'image/png',
      size = picture.length,
    ): Promise<Ticket> => {
      const response = await stack.request('POST', '/api/uploads', { token, body: { contentType, size } });
      expect(response.status).toBe(201);
      return response.body;
    };
    const uploaded = async (token = alice, bytes = picture) => {
      const ticket = await ticketFor(token, 'image/png', bytes.length);
      expect((await putTo(ticket, bytes)).status).toBe(200);
      return ticket.key;
    };
    const createPost = (token: string, imageKey: string | null) =>
      stack.request('POST', '/api/posts', { token, body: { title: 'With a picture', body: 'b', imageKey } });

    it('uploads a real PNG and serves it back byte for byte through the post’s imageUrl', async () => {
      const ticket = await ticketFor(alice);
      expect(ticket.method).toBe('PUT');
      expect(ticket.key).toMatch(/^uploads\/alice\/[0-9a-z]{26}\.png$/);
      expect(new Date(ticket.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect((await putTo(ticket, picture)).status).toBe(200);

      const created = await createPost(alice, ticket.key);
      expect(created.status).toBe(201);
      // The post shows a frozen copy, under a key no upload URL can write.
      expect(created.body.imageKey).toMatch(/^images\/alice\/[0-9a-z]{26}\.png$/);
      const read = await stack.request('GET', `/api/posts/${created.body.id}`);
      const image = await fetch(read.body.imageUrl);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(picture)).toBe(true);
    });

    it('takes a content type in any case, signing and naming the upload in lowercase', async () => {
      const ticket = await ticketFor(alice, 'Image/PNG');
      expect(ticket.key).toMatch(/^uploads\/alice\/[0-9a-z]{26}\.png$/);
      expect(ticket.headers['Content-Type']).toBe('image/png');
      expect((await putTo(ticket, picture)).status).toBe(200);
      const created = await createPost(alice, ticket.key);
      expect(created.status).toBe(201);
      expect(created.body.imageKey).toMatch(/\.png$/);
    });

    it('refuses bad upload requests with 422 naming the field, and anonymous ones with 401', async () => {
      for (const [body, field] of [
        [{ contentType: 'image/svg+xml', size: 100 }, 'contentType'],
        [{ contentType: 'text/plain', size: 100 }, 'contentType'],
        [{ contentType: 'image/png', size: 5 * 1024 * 1024 + 1 }, 'size'],
        [{ contentType: 'image/png', size: 0 }, 'size'],
      ] as const) {
        const response = await stack.request('POST', '/api/uploads', { token: alice, body });
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect(response.body.error.code).toBe('validation_error');
        expect(response.body.error.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const anonymous = await stack.request('POST', '/api/uploads', {
        body: { contentType: 'image/png', size: 10 },
      });
      expect(anonymous.status).toBe(401);
    });

    it('refuses another user’s upload, an upload never sent, and a made-up key with 422', async () => {
      const alicesKey = await uploaded();
      const neverSent = (await ticketFor(alice)).key;
      for (const [token, key, message] of [
        [bob, alicesKey, /upload you made/],
        [alice, neverSent, /nothing was uploaded/],
        [alice, 'uploads/alice/../bob/x.png', /upload you made/],
      ] as const) {
        const response = await createPost(token, key);
        expect(response.status).toBe(422);
        expect(response.body.error.details[0]).toMatchObject({
          field: 'imageKey',
          message: expect.stringMatching(message),
        });
      }
      const unchanged = await stack.request('GET', '/api/posts?author=bob');
      expect(unchanged.body.items).toEqual([]);
    });

    it('never lets a file whose bytes are not the declared image type onto a post', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const ticket = await ticketFor(alice, 'image/png', html.length);
      await putTo(ticket, html);
      const response = await createPost(alice, ticket.key);
      expect(response.status).toBe(422);
      expect(response.body.error.details[0].field).toBe('imageKey');
    });

    it('serves what it checked, whatever is PUT to the upload URL after the image is attached', async () => {
      const ticket = await ticketFor(alice);
      expect((await putTo(ticket, picture)).status).toBe(200);
      const { body: post } = await createPost(alice, ticket.key);
      // Within the URL's 10 minutes the owner sends other bytes of the same size (and, in S3, the pending tag).
      const other = Buffer.alloc(picture.length, 0x41);
      if (provider === 's3') expect((await putTo(ticket, other)).status).toBe(200);
      else expect((await putTo(ticket, other)).status).toBe(415);
      const before = Date.now();
      const read = await stack.request('GET', `/api/posts/${post.id}`);
      const again = await stack.request('GET', `/api/posts/${post.id}`);
      // One URL for every read in the same hour, so browsers cache the image (unless an hour began between).
      const hour = 3600 * 1000;
      if (Math.floor(before / hour) === Math.floor(Date.now() / hour)) {
        expect(again.body.imageUrl).toBe(read.body.imageUrl);
      }
      const image = await fetch(read.body.imageUrl);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).equals(picture)).toBe(true);
      // No upload URL is ever handed out for the frozen key: presigned PUTs are for uploads/ keys only.
      expect(read.body.imageKey.startsWith('uploads/')).toBe(false);
    });

    it('replaces an image with a PATCH and deletes the old one; deleting the post sweeps its image', async () => {
      const first = await uploaded();
      const { body: post } = await createPost(alice, first);
      const firstUrl = post.imageUrl;
      const second = await uploaded();
      const patched = await stack.request('PATCH', `/api/posts/${post.id}`, {
        token: alice,
        body: { imageKey: second },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.imageKey).toMatch(/^images\/alice\//);
      expect(patched.body.imageKey).not.toBe(post.imageKey);
      expect((await fetch(firstUrl)).status).toBe(404);
      expect((await fetch(patched.body.imageUrl)).status).toBe(200);

      expect((await stack.request('DELETE', `/api/posts/${post.id}`, { token: alice })).status).toBe(204);
      // The image goes with the sweep that follows the deletion, off the request's path: a bounded poll.
      const deadline = Date.now() + 15_000;
      while ((await fetch(patched.body.imageUrl)).status !== 404) {
        if (Date.now() > deadline) throw new Error('the deleted post’s image was never swept');
        await new Promise((resume) => setTimeout(resume, 25));
      }
    });
  },
);
