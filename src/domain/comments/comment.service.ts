import type { Actor } from '../auth/actor.js';
import type { Created } from '../posts/post.service.js';
import { stampedWithCurrentName } from '../profiles/author-renamed.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { ForbiddenError, idempotencyMismatch, NotFoundError, postNotFound } from '../shared/errors.js';
import { claimFor } from '../shared/idempotency.js';
import { type CursorCodec, type ListParams, type Page, toPage, toPageRequest } from '../shared/page.js';
import { parseInput } from '../shared/validation.js';
import { type Comment, createCommentInput } from './comment.js';
import type { CommentRepository } from './comment.repository.js';

export interface CommentServiceDeps {
  comments: CommentRepository;
  cursors: CursorCodec;
  clock: Clock;
  ids: IdGenerator;
}

export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  async create(
    actor: Actor,
    postId: string,
    input: unknown,
    idempotencyKey?: string,
    /** The id of the request asking, kept with the write so the pushes it causes can name it. */
    correlationId?: string,
  ): Promise<Created<Comment>> {
    const fields = parseInput(createCommentInput, input);
    const now = this.deps.clock.now();
    const claim = claimFor(actor.userId, idempotencyKey, `POST /posts/${postId}/comments`, fields, now);
    const comment: Comment = {
      id: this.deps.ids.next(),
      postId,
      authorId: actor.userId,
      authorName: actor.displayName,
      body: fields.body,
      createdAt: now.toISOString(),
    };
    const outcome = await stampedWithCurrentName(actor.displayName, (authorName) => {
      comment.authorName = authorName;
      return this.deps.comments.create(comment, claim, correlationId);
    });
    if (outcome.created) return { value: comment, replayed: false };
    if (outcome.previous.fingerprint !== claim?.fingerprint) throw idempotencyMismatch();
    return { value: outcome.previous.result, replayed: true };
  }

  async list(postId: string, params: ListParams): Promise<Page<Comment>> {
    const scope = `comments:${postId}`;
    const page = await this.deps.comments.list(postId, toPageRequest(this.deps.cursors, scope, params));
    if (!page) throw postNotFound(postId);
    return toPage(this.deps.cursors, scope, page, (c) => c);
  }

  /** The comment's author or the post's author may delete a comment. */
  async delete(actor: Actor, postId: string, commentId: string): Promise<void> {
    const { post, comment } = await this.deps.comments.findWithPost(postId, commentId);
    if (!post) throw postNotFound(postId);
    if (!comment) throw commentNotFound(commentId);
    if (comment.authorId !== actor.userId && post.authorId !== actor.userId) {
      throw new ForbiddenError('Only the comment author or the post author can delete this comment.');
    }
    if (!(await this.deps.comments.delete(postId, commentId))) throw commentNotFound(commentId);
  }
}

function commentNotFound(id: string): NotFoundError {
  return new NotFoundError(`No comment with id ${JSON.stringify(id)} on this post.`);
}
