import { join } from 'node:path';
import type { LocalImageStore } from '../adapters/local-disk/local-image-store.js';
import { persistentSecret } from '../adapters/local-disk/persistent-secret.js';
import type { Config } from '../config/config.js';
import { systemClock } from '../domain/shared/clock.js';
import type { ImageStore } from '../domain/uploads/image-store.js';
import type { Tracer } from '../observability/tracing.js';
import { lazily } from './lazily.js';

/** The image store the config names; the local one also serves its presigned URLs through the API. */
export async function createImageStore(
  config: Config,
  tracer?: Tracer,
): Promise<{ imageStore: ImageStore; localUploads?: LocalImageStore }> {
  const uploads = config.uploads;
  if (uploads.provider === 's3') {
    // The S3 client is a fifth of the API bundle: loaded by the first request that touches an image.
    const imageStore = lazily<ImageStore>(async () => {
      const { createS3Client, S3ImageStore } = await import('../adapters/s3/index.js');
      const client = createS3Client({
        region: uploads.region,
        ...(uploads.endpoint ? { endpoint: uploads.endpoint } : {}),
      });
      return new S3ImageStore({
        client: tracer ? tracer.captureAwsClient(client) : client,
        bucket: uploads.bucket,
      });
    }, ['presignUpload', 'inspect', 'freeze', 'remove', 'presignDownload']);
    return { imageStore };
  }
  // The local stack's store is never built in AWS, so its code stays out of the deployed cold start.
  const [{ LocalImageStore }, { ensurePrivateDir }] = await Promise.all([
    import('../adapters/local-disk/local-image-store.js'),
    import('../adapters/local-disk/private-dir.js'),
  ]);
  const dir = join(config.dataDir, 'uploads');
  await ensurePrivateDir(dir);
  const store = new LocalImageStore({
    dir,
    secret: await persistentSecret(join(config.dataDir, 'upload-secret')),
    publicUrl: uploads.publicUrl ?? `http://127.0.0.1:${config.local.port}`,
    clock: systemClock,
  });
  return { imageStore: store, localUploads: store };
}
