import type { Comment } from '../../domain/comments/comment.js';
import type { CommentRepository } from '../../domain/comments/comment.repository.js';
import type { Post } from '../../domain/posts/post.js';
import { postNotFound } from '../../domain/shared/errors.js';
import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../../domain/shared/page.js';
import { previousOutcome, recordClaim } from './memory-claims.js';
import { pageBy } from './memory-paging.js';
import { checkAuthorName, copy, emitChange, type MemoryState } from './memory-state.js';

export class MemoryCommentRepository implements CommentRepository {
  constructor(private readonly state: MemoryState) {}

  async create(comment: Comment, claim?: IdempotencyClaim): Promise<CreateOutcome<Comment>> {
    const previous = previousOutcome<Comment>(this.state, claim);
    if (previous) return previous;
    const post = this.state.posts.get(comment.postId);
    if (!post) throw postNotFound(comment.postId);
    checkAuthorName(this.state, comment.authorId, comment.authorName);
    const comments = this.state.comments.get(post.id) ?? new Map<string, Comment>();
    comments.set(comment.id, copy(comment));
    this.state.comments.set(post.id, comments);
    post.commentCount += 1;
    recordClaim(this.state, claim, comment);
    emitChange(this.state, { type: 'comment.created', comment });
    return { created: true };
  }

  async list(postId: string, page: PageRequest): Promise<StorePage<Comment> | null> {
    if (!this.state.posts.has(postId) && !page.startKey) return null;
    const comments = [...(this.state.comments.get(postId)?.values() ?? [])].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const { items, nextKey } = pageBy(comments, (comment) => comment.id, page);
    return { items: items.map(copy), nextKey };
  }

  async findWithPost(
    postId: string,
    commentId: string,
  ): Promise<{ post: Post | null; comment: Comment | null }> {
    const post = this.state.posts.get(postId);
    const comment = this.state.comments.get(postId)?.get(commentId);
    return { post: post ? copy(post) : null, comment: comment ? copy(comment) : null };
  }

  async renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null> {
    const theirs = [...this.state.comments.values()]
      .flatMap((comments) => [...comments.values()])
      .filter((comment) => comment.authorId === authorId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { items, nextKey } = pageBy(theirs, (comment) => comment.id, page);
    for (const comment of items) comment.authorName = authorName;
    return nextKey;
  }

  async delete(postId: string, commentId: string): Promise<boolean> {
    const post = this.state.posts.get(postId);
    const comments = this.state.comments.get(postId);
    if (!post || !comments?.delete(commentId)) return false;
    post.commentCount -= 1;
    emitChange(this.state, { type: 'comment.deleted', postId, commentId });
    return true;
  }
}
