import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
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
import type { AppDeps, DevTokenIssuer, LocalUploadEndpoint } from '../http/app-deps.js';
import type { Realtime } from './build-realtime.js';

export interface ServiceInputs {
  config: Config;
  logger: Logger;
  metrics?: Metrics | undefined;
  tracer?: Tracer | undefined;
  storage: Storage;
  verifier: TokenVerifier;
  cursorSecret: string;
  imageStore: ImageStore;
  devTokens?: DevTokenIssuer | undefined;
  localUploads?: LocalUploadEndpoint | undefined;
  realtime?: Realtime['realtime'];
  broadcastGuard?: Realtime['broadcastGuard'];
}

/** The app's dependencies, with the whole storage for the functions that work after writes (the stream). */
export type ComposedDeps = AppDeps & { storage: Storage };

/** Wires the domain services onto their adapters. Shared by the Lambda entry, the local stack and tests. */
export function buildAppDeps(inputs: ServiceInputs): ComposedDeps {
  const { config, storage } = inputs;
  const cursors = new HmacCursorCodec(inputs.cursorSecret);
  const ids = ulidIds();
  const clock = systemClock;
  const uploads = new UploadService({
    store: inputs.imageStore,
    clock,
    ids,
    onDiscardFailure: (key, error) => inputs.logger.warn('image left behind', { key, error }),
  });
  const posts = new PostService({
    posts: storage.posts,
    images: uploads,
    cursors,
    clock,
    ids,
  });
  return {
    config,
    logger: inputs.logger,
    ...(inputs.metrics ? { metrics: inputs.metrics } : {}),
    ...(inputs.tracer ? { tracer: inputs.tracer } : {}),
    verifier: inputs.verifier,
    storage,
    posts,
    comments: new CommentService({ comments: storage.comments, cursors, clock, ids }),
    favorites: new FavoriteService({ favorites: storage.favorites, posts, cursors, clock }),
    profiles: new ProfileService({ profiles: storage.profiles, clock }),
    uploads,
    ...(inputs.localUploads ? { localUploads: inputs.localUploads } : {}),
    ...(inputs.devTokens ? { devTokens: inputs.devTokens } : {}),
    ...(inputs.realtime && inputs.broadcastGuard
      ? { realtime: inputs.realtime, broadcastGuard: inputs.broadcastGuard }
      : {}),
  };
}
