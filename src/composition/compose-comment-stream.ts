import { ulidIds } from '../adapters/crypto/ulid-ids.js';
import type { Config } from '../config/config.js';
import { systemClock } from '../domain/shared/clock.js';
import { UploadService } from '../domain/uploads/upload.service.js';
import { afterWriteDeps } from '../stream/after-write.js';
import { buildRealtime } from './build-realtime.js';
import type { CommentStreamComposition } from './compositions.js';
import { createImageStore } from './create-image-store.js';
import { createStorage } from './create-storage.js';
import { createObservability } from './observability.js';

/**
 * The stream function: the realtime service it pushes through, and the sweeps and renames that follow a
 * post's deletion or a profile's rename (storage, and the image store for a deleted post's picture, which
 * loads its S3 client only when a sweep first needs it).
 */
export async function composeCommentStream(config: Config): Promise<CommentStreamComposition> {
  const observability = await createObservability(config);
  const storage = await createStorage(config.repository, observability.tracer);
  const { imageStore } = await createImageStore(config, observability.tracer);
  const images = new UploadService({
    store: imageStore,
    clock: systemClock,
    ids: ulidIds(),
    onDiscardFailure: (key, error) => observability.logger.warn('image left behind', { key, error }),
  });
  return {
    ...observability,
    ...afterWriteDeps({
      realtime: buildRealtime(config, storage, observability.tracer),
      storage,
      images,
      logger: observability.logger,
      metrics: observability.metrics,
    }),
  };
}
