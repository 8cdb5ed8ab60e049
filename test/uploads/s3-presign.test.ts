import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/adapters/s3/s3-client.js';
import { S3ImageStore } from '../../src/adapters/s3/s3-image-store.js';
import { UPLOAD_URL_TTL_SECONDS } from '../../src/domain/uploads/upload.service.js';
import { png } from '../support/images.js';
import { startS3, type TestS3 } from '../support/s3rver.js';

/**
 * What the S3 adapter's presigned URLs bind. S3 recomputes the signature from the request it receives,
 * so every signed header is a constraint S3 enforces: a different type or size is refused by S3 itself.
 */
describe('S3 presigned URLs', () => {
  let s3: TestS3;
  let store: S3ImageStore;
  const key = 'uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png';
  const picture = png(4, 4);

  beforeAll(async () => {
    s3 = await startS3();
    const client = createS3Client({
      region: 'eu-west-1',
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    store = new S3ImageStore({ client, bucket: s3.bucket });
  });
  afterAll(() => s3.close());

  /** Puts the picture at `key` through a presigned upload, as a browser would. */
  async function storePicture(): Promise<void> {
    const upload = await store.presignUpload({
      key,
      contentType: 'image/png',
      size: picture.length,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: picture });
    if (put.status !== 200) throw new Error(`the presigned PUT answered ${put.status}`);
  }

  it('binds method, key, content type, size, the pending tag and a short expiry to an upload', async () => {
    const upload = await store.presignUpload({
      key,
      contentType: 'image/png',
      size: 1234,
      expiresAt: new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000),
    });
    const url = new URL(upload.url);
    expect(url.pathname).toBe(`/${s3.bucket}/${key}`);
    expect(url.searchParams.get('x-id')).toBe('PutObject');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual([
      'content-length',
      'content-type',
      'host',
      'x-amz-tagging',
    ]);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeGreaterThanOrEqual(UPLOAD_URL_TTL_SECONDS - 1);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(UPLOAD_URL_TTL_SECONDS);
    // A checksum of an empty body in the URL would make S3 refuse the real bytes.
    expect([...url.searchParams.keys()].filter((name) => name.includes('checksum'))).toEqual([]);
    expect(upload.headers).toEqual({
      'Content-Type': 'image/png',
      'Content-Length': '1234',
      'x-amz-tagging': 'blogapp-state=pending',
    });
  });

  it('gives a GET URL that lasts at least an hour', async () => {
    const url = new URL(await store.presignDownload(key, new Date(Date.now() + 2 * 3600 * 1000)));
    expect(url.searchParams.get('x-id')).toBe('GetObject');
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeGreaterThanOrEqual(3600);
  });

  it('signs a GET as at a given time: the same URL for the same window, honoured by the server as signed', async () => {
    await storePicture();
    const hour = 3600 * 1000;
    const signedAt = new Date(Date.now() - 50 * 60 * 1000);
    const url = await store.presignDownload(key, new Date(signedAt.getTime() + 2 * hour), signedAt);
    expect(await store.presignDownload(key, new Date(signedAt.getTime() + 2 * hour), signedAt)).toBe(url);
    const params = new URL(url).searchParams;
    expect(params.get('X-Amz-Date')).toBe(signedAt.toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(params.get('X-Amz-Expires')).toBe('7200');
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(picture)).toBe(true);
    // Signed long enough ago that its two hours have run: the server counts from the signing time.
    const stale = new Date(Date.now() - 3 * hour);
    const expired = await fetch(
      await store.presignDownload(key, new Date(stale.getTime() + 2 * hour), stale),
    );
    expect(expired.status).toBe(403);
    await store.remove(key);
  });

  it('inspects an upload with one ranged GET: declared type, full size, first bytes', async () => {
    await storePicture();
    const stored = await store.inspect(key);
    expect(stored).toMatchObject({ contentType: 'image/png', size: picture.length });
    expect(Buffer.from(stored?.head ?? []).equals(picture.subarray(0, 16))).toBe(true);
    expect(await store.inspect('uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1q.png')).toBeNull();
    await store.remove(key);
    expect(await store.inspect(key)).toBeNull();
  });

  it('is refused by the server once expired', async () => {
    const upload = await store.presignUpload({
      key,
      contentType: 'image/png',
      size: picture.length,
      expiresAt: new Date(Date.now() + 1_000),
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: picture });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/expired/i);
  });
});
