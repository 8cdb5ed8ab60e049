import { HmacCursorCodec } from '../../src/adapters/crypto/hmac-cursor-codec.js';
import { ulidIds } from '../../src/adapters/crypto/ulid-ids.js';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import type { Actor } from '../../src/domain/auth/actor.js';
import { CommentService } from '../../src/domain/comments/comment.service.js';
import { FavoriteService } from '../../src/domain/favorites/favorite.service.js';
import { PostService } from '../../src/domain/posts/post.service.js';
import { ProfileService } from '../../src/domain/profiles/profile.service.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { Storage } from '../../src/domain/storage.js';
import { UploadService } from '../../src/domain/uploads/upload.service.js';
import { MemoryImageStore } from './memory-image-store.js';

/** A clock tests move by hand. */
export function manualClock(start = '2026-01-01T00:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** The domain services over one storage (memory unless given). */
export function domainKit(options: { storage?: Storage } = {}) {
  const storage = options.storage ?? createMemoryStorage();
  const clock = manualClock();
  const imageStore = new MemoryImageStore();
  const cursors = new HmacCursorCodec('test-secret-test-secret-test-secret');
  const ids = ulidIds();
  const uploads = new UploadService({ store: imageStore, clock, ids });
  const posts = new PostService({
    posts: storage.posts,
    images: uploads,
    cursors,
    clock,
    ids,
  });
  return {
    storage,
    clock,
    cursors,
    posts,
    uploads,
    imageStore,
    comments: new CommentService({ comments: storage.comments, cursors, clock, ids }),
    favorites: new FavoriteService({ favorites: storage.favorites, posts, cursors, clock }),
    profiles: new ProfileService({ profiles: storage.profiles, clock }),
  };
}

export const alice: Actor = { userId: 'alice', displayName: 'Alice' };
export const bob: Actor = { userId: 'bob', displayName: 'Bob' };
