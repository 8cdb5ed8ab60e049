import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockablePort } from '../../reliability/support/blockable-port.js';
import { createS3Client } from '../../src/adapters/s3/s3-client.js';
import { S3ImageStore } from '../../src/adapters/s3/s3-image-store.js';
import { UnavailableError } from '../../src/domain/shared/errors.js';
import { png } from '../support/images.js';
import { startS3, type TestS3 } from '../support/s3rver.js';

/** S3 (s3rver) behind a relay that can turn into a black hole: connections accepted, never answered. */
describe('image storage that stops answering', () => {
  let s3: TestS3;
  let relay: BlockablePort;
  let store: S3ImageStore;
  const key = 'uploads/alice/01jcz3k8qv6w2y5x9t7r4m0n1p.png';
  const picture = png(4, 4);

  beforeAll(async () => {
    s3 = await startS3();
    relay = await BlockablePort.start(s3.endpoint);
    const client = createS3Client({
      region: 'eu-west-1',
      endpoint: relay.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    store = new S3ImageStore({ client, bucket: s3.bucket });
    const upload = await store.presignUpload({
      key,
      contentType: 'image/png',
      size: picture.length,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: picture })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await relay.close();
    await s3.close();
  });

  it('refuses at once once timeouts repeat, still signs URLs, and closes again when S3 answers', async () => {
    relay.blackhole();
    // The first call waits out its attempts' timeouts, which open the circuit.
    await expect(store.inspect(key)).rejects.toBeInstanceOf(UnavailableError);

    // Timing is the point: with the circuit open nothing waits on S3.
    const started = performance.now();
    await expect(store.inspect(key)).rejects.toBeInstanceOf(UnavailableError);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Presigning needs no network: a post's imageUrl is still made while the circuit is open.
    expect(await store.presignDownload(key, new Date(Date.now() + 60_000))).toContain(key);

    relay.restore();
    const until = Date.now() + 30_000;
    let stored = await store.inspect(key).catch(() => null);
    while (!stored && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stored = await store.inspect(key).catch(() => null);
    }
    expect(stored).toMatchObject({ contentType: 'image/png', size: picture.length });
  }, 60_000);
});
