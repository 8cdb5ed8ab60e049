import { HmacCursorCodec } from '../adapters/crypto/hmac-cursor-codec.js';
import { ulidIds } from '../adapters/crypto/ulid-ids.js';
import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import { CommentService } from '../domain/comments/comment.service.js';
import { FavoriteService } from '../domain/favorites/favorite.service.js';
import { PostService } from '../domain/posts/post.service.js';
import { ProfileService } from '../domain/profiles/profile.service.js';
import { systemClock } from '../domain/shared/clock.js';
import type { Storage } from '../domain/storage.js';
import type { ImageStore } from '../domain/uploads/image-store.js';
import { UploadService } from '../domain/uploads/upload.service.js';
import type { DevTokenIssuer, LocalUploadEndpoint } from '../http/app-deps.js';
import type { RequestLine } from '../http/middleware/request-log.js';
import type { ApiComposition, Observability } from './compositions.js';

export interface ApiInputs extends Observability {
  config: Config;
  storage: Storage;
  verifier: TokenVerifier;
  cursorSecret: string;
  imageStore: ImageStore;
  devTokens?: DevTokenIssuer | undefined;
  localUploads?: LocalUploadEndpoint | undefined;
  requestLines?: RequestLine | undefined;
}

/** Wires the API's domain services onto their adapters. Shared by the API function and the local stack. */
export function buildApiServices(inputs: ApiInputs): ApiComposition {
  const { config, storage, logger, metrics, tracer } = inputs;
  const cursors = new HmacCursorCodec(inputs.cursorSecret);
  const ids = ulidIds();
  const clock = systemClock;
  const uploads = new UploadService({
    store: inputs.imageStore,
    clock,
    ids,
    onDiscardFailure: (key, error) => logger.warn('image left behind', { key, error }),
  });
  const posts = new PostService({ posts: storage.posts, images: uploads, cursors, clock, ids });
  return {
    config,
    logger,
    ...(metrics ? { metrics } : {}),
    ...(tracer ? { tracer } : {}),
    ...(inputs.requestLines ? { requestLines: inputs.requestLines } : {}),
    verifier: inputs.verifier,
    storage,
    posts,
    comments: new CommentService({ comments: storage.comments, cursors, clock, ids }),
    favorites: new FavoriteService({ favorites: storage.favorites, posts, cursors, clock }),
    profiles: new ProfileService({ profiles: storage.profiles, clock }),
    uploads,
    ...(inputs.localUploads ? { localUploads: inputs.localUploads } : {}),
    ...(inputs.devTokens ? { devTokens: inputs.devTokens } : {}),
  };
}
