import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { PostSweepService } from '../domain/posts/post-sweep.service.js';
import { AuthorRenameService } from '../domain/profiles/author-rename.service.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import type { Storage } from '../domain/storage.js';
import type { ImageCatalog } from '../domain/uploads/image-catalog.js';
import type { ChangeProcessorDeps } from './change-processor.js';

/** Everything the table's stream function does after a write, built on the storage and images it is given. */
export function afterWriteDeps(deps: {
  realtime: RealtimeService;
  storage: Pick<Storage, 'posts' | 'comments'>;
  images: Pick<ImageCatalog, 'discard'>;
  logger: Logger;
  metrics?: Metrics | undefined;
}): ChangeProcessorDeps {
  return {
    realtime: deps.realtime,
    logger: deps.logger,
    metrics: deps.metrics,
    sweeper: new PostSweepService({ posts: deps.storage.posts, images: deps.images }),
    renamer: new AuthorRenameService({ posts: deps.storage.posts, comments: deps.storage.comments }),
  };
}
