import type { Actor } from '../auth/actor.js';
import { stampedWithCurrentName } from '../profiles/author-renamed.js';
import { type Awaitable, whenReady } from '../shared/awaitable.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import {
  ConflictError,
  ForbiddenError,
  idempotencyMismatch,
  PreconditionFailedError,
  postNotFound,
  ValidationError,
} from '../shared/errors.js';
import { claimFor } from '../shared/idempotency.js';
import { type CursorCodec, type ListParams, type Page, toPage, toPageRequest } from '../shared/page.js';
import { parseInput } from '../shared/validation.js';
import type { ImageCatalog } from '../uploads/image-catalog.js';
import {
  changesNothing,
  createPostInput,
  type Post,
  type PostRead,
  type PostView,
  updatePostInput,
} from './post.js';
import type { PostRepository } from './post.repository.js';

/**
 * Lost optimistic races retried, without If-Match, before giving up. Only the author writes a post, so the
 * racers are their own concurrent requests; each lost attempt means another one landed, so this many
 * attempts let that many simultaneous edits all land. Past it the answer is 409, never 412: the caller sent
 * no precondition that could fail.
 */
const MAX_WRITE_ATTEMPTS = 20;

export interface PostServiceDeps {
  posts: PostRepository;
  images: ImageCatalog;
  cursors: CursorCodec;
  clock: Clock;
  ids: IdGenerator;
}

export interface Created<T> {
  value: T;
  /** True when an Idempotency-Key retry returned the first answer instead of creating anything. */
  replayed: boolean;
}

export class PostService {
  constructor(private readonly deps: PostServiceDeps) {}

  async create(actor: Actor, input: unknown, idempotencyKey?: string): Promise<Created<PostView>> {
    const fields = parseInput(createPostInput, input);
    // The id and the time are taken together, before the picture is copied: lists sort by id, and a post
    // whose copy took longer must not sort among posts written after it.
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    const claim = claimFor(actor.userId, idempotencyKey, 'POST /posts', fields, now);
    const imageKey = fields.imageKey === null ? null : await this.useImage(actor, fields.imageKey);
    const post: Post = {
      id,
      authorId: actor.userId,
      authorName: actor.displayName,
      ...fields,
      imageKey,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
      commentCount: 0,
      favoriteCount: 0,
    };
    const outcome = await this.keepingImageIf(
      imageKey,
      () =>
        stampedWithCurrentName(actor.displayName, (authorName) => {
          post.authorName = authorName;
          return this.deps.posts.create(post, claim);
        }),
      (o) => o.created,
    );
    if (outcome.created)
      return { value: await this.toView({ post, favoritedByViewer: false }), replayed: false };
    if (outcome.previous.fingerprint !== claim?.fingerprint) throw idempotencyMismatch();
    return {
      value: await this.toView({ post: outcome.previous.result, favoritedByViewer: false }),
      replayed: true,
    };
  }

  /** At once when the store answers at once and the post has no picture (see awaitable.ts). */
  get(id: string, viewerId?: string): Awaitable<PostView> {
    return whenReady(this.deps.posts.find(id, viewerId), (read) => {
      if (!read) throw postNotFound(id);
      return this.toView(read);
    });
  }

  async list(params: ListParams & { authorId?: string }, viewerId?: string): Promise<Page<PostView>> {
    const scope = params.authorId ? `posts:author:${params.authorId}` : 'posts';
    const page = await this.deps.posts.list(
      { authorId: params.authorId, viewerId },
      toPageRequest(this.deps.cursors, scope, params),
    );
    const views = await this.toViews(page.items);
    return toPage(this.deps.cursors, scope, { items: views, nextKey: page.nextKey }, (v) => v);
  }

  /**
   * Partial update. With `ifMatch` (the versions If-Match accepts; none when it names no version we issued),
   * a post at any other version is 412; without, a concurrent edit is simply retried on the fresh version
   * (last writer wins per field, nothing is lost silently).
   */
  async update(actor: Actor, id: string, input: unknown, ifMatch?: readonly number[]): Promise<PostView> {
    const fields = parseInput(updatePostInput, input);
    // Frozen at most once, on the first attempt that needs it; discarded unless an edit keeps it.
    let frozen: string | undefined;
    let kept = false;
    try {
      for (let attempt = 1; ; attempt++) {
        const { post: current, favoritedByViewer } = await this.ownedPost(actor, id);
        if (ifMatch && !ifMatch.includes(current.version)) throw stale(id);
        // Saving a form unchanged must not make another editor's ETag stale.
        if (changesNothing(current, fields)) return this.toView({ post: current, favoritedByViewer });
        const imageChanged = fields.imageKey !== undefined && fields.imageKey !== current.imageKey;
        if (imageChanged && fields.imageKey) frozen ??= await this.useImage(actor, fields.imageKey);
        const updated = await this.deps.posts.update(
          id,
          {
            ...fields,
            ...(imageChanged ? { imageKey: fields.imageKey ? (frozen ?? null) : null } : {}),
            updatedAt: this.deps.clock.now().toISOString(),
          },
          current.version,
        );
        if (updated) {
          kept = imageChanged;
          if (imageChanged && current.imageKey) await this.deps.images.discard(current.imageKey);
          return this.toView({ post: updated, favoritedByViewer });
        }
        if (ifMatch) throw stale(id);
        if (attempt >= MAX_WRITE_ATTEMPTS) throw contended(id);
      }
    } finally {
      if (frozen && !kept) await this.deps.images.discard(frozen);
    }
  }

  /** Deletes the post only; its comments, favorites and image are swept after (PostSweepService). */
  async delete(actor: Actor, id: string, ifMatch?: readonly number[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { post: current } = await this.ownedPost(actor, id);
      if (ifMatch && !ifMatch.includes(current.version)) throw stale(id);
      if (await this.deps.posts.delete(id, current.version)) return;
      if (ifMatch) throw stale(id);
      if (attempt >= MAX_WRITE_ATTEMPTS) throw contended(id);
    }
  }

  private async ownedPost(actor: Actor, id: string): Promise<PostRead> {
    const read = await this.deps.posts.find(id, actor.userId);
    if (!read) throw postNotFound(id);
    if (read.post.authorId !== actor.userId)
      throw new ForbiddenError('Only the author can change this post.');
    return read;
  }

  /**
   * Freezes the author's finished upload for the post, before the post is written: the post keeps the
   * frozen copy's key. If the write then fails, the copy is discarded (see keepingImageIf).
   */
  private async useImage(actor: Actor, key: string): Promise<string> {
    const claimed = await this.deps.images.claim(actor.userId, key);
    if ('problem' in claimed)
      throw new ValidationError('The image cannot be used.', [
        { field: 'imageKey', message: claimed.problem },
      ]);
    return claimed.key;
  }

  /** Runs a write that takes a frozen image, discarding the image when the write fails or does not take it. */
  private async keepingImageIf<T>(
    image: string | null,
    write: () => Promise<T>,
    took: (result: T) => boolean,
  ) {
    let result: T | undefined;
    try {
      result = await write();
      return result;
    } finally {
      if (image && (result === undefined || !took(result))) await this.deps.images.discard(image);
    }
  }

  /**
   * The post as its reader sees it; only one with a picture waits for its URL. The rest are returned as
   * they are, not in a promise: an async function that returns another async function's promise pays
   * extra microtask ticks on every read before its caller resumes.
   */
  toView(read: PostRead): PostView | Promise<PostView> {
    const view = viewOf(read);
    return view.imageKey ? this.withImageUrl(view, view.imageKey) : view;
  }

  private async withImageUrl(view: PostView, imageKey: string): Promise<PostView> {
    view.imageUrl = await this.deps.images.urlFor(imageKey);
    return view;
  }

  /** Posts as their reader sees them; only those with a picture wait for its URL. */
  async toViews(reads: readonly PostRead[]): Promise<PostView[]> {
    const views = reads.map(viewOf);
    const pictured = views.filter((view) => view.imageKey);
    // Most posts have no picture: nothing to wait for, so no Promise.all and its ticks on every read.
    if (pictured.length === 0) return views;
    await Promise.all(
      pictured.map(async (view) => {
        view.imageUrl = await this.deps.images.urlFor(view.imageKey as string);
      }),
    );
    return views;
  }
}

/**
 * A read post with the reader's fields, its imageUrl still to fill. Every field named rather than copied
 * with Object.assign (or a spread, an order of magnitude slower): each view is one object literal of one
 * shape, which cut building a 20-post page from ~5.5 to ~1.6 µs of CPU, and the compiler holds the list
 * to PostView, so a field a repository adds beyond Post never reaches an answer.
 */
function viewOf({ post, favoritedByViewer }: PostRead): PostView {
  return {
    id: post.id,
    authorId: post.authorId,
    authorName: post.authorName,
    title: post.title,
    body: post.body,
    tags: post.tags,
    imageKey: post.imageKey,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    version: post.version,
    commentCount: post.commentCount,
    favoriteCount: post.favoriteCount,
    imageUrl: null,
    favoritedByMe: favoritedByViewer,
  };
}

function contended(id: string): ConflictError {
  return new ConflictError(
    `Post ${JSON.stringify(id)} is being changed by too many requests at once; retry in a moment.`,
  );
}

function stale(id: string): PreconditionFailedError {
  return new PreconditionFailedError(
    `Post ${JSON.stringify(id)} changed since you read it; fetch it again and retry with its new ETag.`,
  );
}
