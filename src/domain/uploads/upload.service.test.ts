import { describe, expect, it } from 'vitest';
import { alice, bob, domainKit } from '../../../test/support/domain-kit.js';
import { MemoryImageStore, PNG_HEAD } from '../../../test/support/memory-image-store.js';
import { isImageKey, isUploadKey, MAX_IMAGE_BYTES, sniffImageType } from './image-rules.js';
import { IMAGE_URL_WINDOW_SECONDS, UPLOAD_URL_TTL_SECONDS, UploadService } from './upload.service.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('image rules', () => {
  it.each([
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF')],
    ['image/png', PNG_HEAD],
    ['image/gif', bytes('GIF89a', 1, 0, 1, 0)],
    ['image/gif', bytes('GIF87a', 1, 0, 1, 0)],
    ['image/webp', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ')],
  ])('recognises %s by its magic bytes', (type, head) => {
    expect(sniffImageType(head)).toBe(type);
  });

  it.each([
    ['text', bytes('hello world, not an image')],
    ['a RIFF that is not WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt ')],
    ['a truncated PNG signature', PNG_HEAD.slice(0, 4)],
    ['nothing', new Uint8Array()],
  ])('recognises nothing in %s', (_name, head) => {
    expect(sniffImageType(head)).toBeNull();
  });

  it('accepts only the keys it hands out', () => {
    expect(isUploadKey('uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png')).toBe(true);
    for (const key of [
      'uploads/alice/../bob/01jcz3k8qv6w2y5x9t7r4m0n1p.png',
      'uploads/../01jcz3k8qv6w2y5x9t7r4m0n1p.png',
      'uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.exe',
      'uploads/alice/nested/01jcz3k8qv6w2y5x9t7r4m0n1p.png',
      '/etc/passwd',
    ]) {
      expect(isUploadKey(key), key).toBe(false);
    }
  });
});

describe('UploadService', () => {
  it('hands out a short-lived PUT for a key under the user’s prefix', async () => {
    const { uploads, clock } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/webp', size: 1234 });
    expect(ticket).toMatchObject({
      method: 'PUT',
      headers: { 'Content-Type': 'image/webp', 'Content-Length': '1234' },
    });
    expect(ticket.key).toMatch(/^uploads\/alice\/[0-9a-z]{26}\.webp$/);
    expect(isUploadKey(ticket.key)).toBe(true);
    expect(new Date(ticket.expiresAt).getTime() - clock.now().getTime()).toBe(UPLOAD_URL_TTL_SECONDS * 1000);
  });

  it('escapes user ids so one user cannot write under another’s prefix', async () => {
    const { uploads } = domainKit();
    const ticket = await uploads.requestUpload(
      { userId: 'eve/../alice', displayName: 'Eve' },
      { contentType: 'image/png', size: 10 },
    );
    expect(ticket.key.startsWith('uploads/eve%2F..%2Falice/')).toBe(true);
  });

  it('reads a content type in any case as its lowercase name (MIME types are case-insensitive)', async () => {
    const { uploads } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'IMAGE/WebP', size: 10 });
    expect(ticket.key).toMatch(/\.webp$/);
    expect(ticket.headers['Content-Type']).toBe('image/webp');
  });

  it.each([
    [{ contentType: 5, size: 10 }, 'contentType'],
    [{ contentType: 'image/svg+xml', size: 10 }, 'contentType'],
    [{ contentType: 'application/pdf', size: 10 }, 'contentType'],
    [{ contentType: 'image/png', size: MAX_IMAGE_BYTES + 1 }, 'size'],
    [{ contentType: 'image/png', size: 0 }, 'size'],
    [{ contentType: 'image/png', size: 1.5 }, 'size'],
    [{ contentType: 'image/png' }, 'size'],
    [{ contentType: 'image/png', size: 10, extra: true }, 'extra'],
  ])('refuses %o, naming %s', async (input, field) => {
    const { uploads } = domainKit();
    await expect(uploads.requestUpload(alice, input)).rejects.toMatchObject({
      code: 'validation_error',
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it('judges an upload by owner, presence, declared type against magic bytes, and size', async () => {
    const { uploads, imageStore } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/png', size: PNG_HEAD.length });
    expect(await uploads.claim('alice', ticket.key)).toEqual({
      problem: expect.stringMatching(/nothing was uploaded/),
    });
    imageStore.put(ticket.key, 'image/png', bytes('<html>not a png</html>'));
    expect(await uploads.claim('alice', ticket.key)).toEqual({
      problem: expect.stringMatching(/not a image\/png image/),
    });
    imageStore.put(ticket.key, 'image/png', PNG_HEAD);
    expect(await uploads.claim('alice', ticket.key)).toEqual({
      key: expect.stringMatching(/^images\/alice\//),
    });
    expect(await uploads.claim(bob.userId, ticket.key)).toEqual({
      problem: expect.stringMatching(/upload you made/),
    });
    expect(await uploads.claim('alice', 'uploads/alice/whatever.png')).toEqual({
      problem: expect.stringMatching(/upload you made/),
    });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG_HEAD);
    imageStore.put(ticket.key, 'image/png', big);
    expect(await uploads.claim('alice', ticket.key)).toEqual({
      problem: expect.stringMatching(/over 5 MiB/),
    });
  });

  it('freezes what it checked: bytes PUT to the upload URL afterwards never reach the attached image', async () => {
    const { uploads, imageStore } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/png', size: PNG_HEAD.length });
    imageStore.put(ticket.key, 'image/png', PNG_HEAD);
    const claimed = await uploads.claim('alice', ticket.key);
    if (!('key' in claimed)) throw new Error(claimed.problem);
    expect(isImageKey(claimed.key)).toBe(true);
    expect(isUploadKey(claimed.key)).toBe(false);
    imageStore.put(ticket.key, 'image/png', bytes('<script>alert(1)</script>'));
    expect(imageStore.objects.get(claimed.key)).toMatchObject({ bytes: PNG_HEAD, state: 'attached' });
    expect(await uploads.urlFor(claimed.key)).toContain(claimed.key);
  });

  it('gives every read in the same hour the same image URL, each good for at least an hour more', async () => {
    const { uploads, clock } = domainKit();
    const key = 'images/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png';
    const window = IMAGE_URL_WINDOW_SECONDS * 1000;
    const expiry = (url: string) => new Date(new URL(url).searchParams.get('expires') as string).getTime();
    clock.advance(window - (clock.now().getTime() % window) + 1);
    const first = await uploads.urlFor(key);
    clock.advance(window - 2);
    const last = await uploads.urlFor(key);
    expect(last).toBe(first);
    expect(expiry(last) - clock.now().getTime()).toBeGreaterThanOrEqual(3600 * 1000);
    clock.advance(1);
    const next = await uploads.urlFor(key);
    expect(next).not.toBe(first);
    expect(expiry(next) - clock.now().getTime()).toBeGreaterThanOrEqual(3600 * 1000);
  });

  it('keeps no copy of an upload it refuses', async () => {
    const { uploads, imageStore } = domainKit();
    const ticket = await uploads.requestUpload(alice, { contentType: 'image/png', size: 5 });
    imageStore.put(ticket.key, 'image/png', bytes('hello'));
    expect(await uploads.claim('alice', ticket.key)).toHaveProperty('problem');
    expect([...imageStore.objects.keys()]).toEqual([ticket.key]);
  });

  it('reports an image it could not delete instead of failing the post change', async () => {
    const failures: string[] = [];
    const { clock } = domainKit();
    const store = new MemoryImageStore();
    store.remove = async () => {
      throw new Error('S3 is down');
    };
    const service = new UploadService({
      store,
      clock,
      ids: { next: () => '01JCZ3K8QV6W2Y5X9T7R4M0N1P' },
      onDiscardFailure: (key) => failures.push(key),
    });
    await expect(service.discard('uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png')).resolves.toBeUndefined();
    expect(failures).toEqual(['uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png']);
  });
});
