import type { Post, PostChanges, PostRead } from '../../domain/posts/post.js';
import type { PostRepository } from '../../domain/posts/post.repository.js';
import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { PageRequest, StoreKey, StorePage } from '../../domain/shared/page.js';
import { previousOutcome, recordClaim } from './memory-claims.js';
import { compareDescending, pageBy } from './memory-paging.js';
import { checkAuthorName, copy, emitChange, type MemoryState } from './memory-state.js';

export class MemoryPostRepository implements PostRepository {
  constructor(private readonly state: MemoryState) {}

  async create(post: Post, claim?: IdempotencyClaim): Promise<CreateOutcome<Post>> {
    const previous = previousOutcome<Post>(this.state, claim);
    if (previous) return previous;
    checkAuthorName(this.state, post.authorId, post.authorName);
    this.state.posts.set(post.id, copy(post));
    this.state.postsNewestFirst = undefined;
    recordClaim(this.state, claim, post);
    return { created: true };
  }

  find(id: string, viewerId?: string): PostRead | null {
    const post = this.state.posts.get(id);
    return post ? this.read(post, viewerId) : null;
  }

  async list(
    query: { authorId?: string; viewerId?: string },
    page: PageRequest,
  ): Promise<StorePage<PostRead>> {
    const newestFirst = this.newestFirst();
    const posts =
      query.authorId === undefined
        ? newestFirst
        : newestFirst.filter((post) => post.authorId === query.authorId);
    const { items, nextKey } = pageBy(posts, (post) => post.id, page, true);
    return { items: items.map((post) => this.read(post, query.viewerId)), nextKey };
  }

  async update(id: string, changes: PostChanges, expectedVersion: number): Promise<Post | null> {
    const post = this.state.posts.get(id);
    if (!post || post.version !== expectedVersion) return null;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const updated: Post = { ...post, ...defined, version: post.version + 1 };
    this.state.posts.set(id, updated);
    this.state.postsNewestFirst = undefined;
    return copy(updated);
  }

  async delete(id: string, expectedVersion: number): Promise<boolean> {
    const post = this.state.posts.get(id);
    if (!post || post.version !== expectedVersion) return false;
    this.state.posts.delete(id);
    this.state.postsNewestFirst = undefined;
    emitChange(this.state, { type: 'post.deleted', post });
    return true;
  }

  async sweepRemains(id: string): Promise<void> {
    if (this.state.posts.has(id)) return;
    const comments = [...(this.state.comments.get(id)?.keys() ?? [])];
    this.state.comments.delete(id);
    this.state.favorites.delete(id);
    // DynamoDB's stream reports each swept comment's removal: the change feed does too, so work after a
    // write meets the same changes on both providers.
    for (const commentId of comments)
      emitChange(this.state, { type: 'comment.deleted', postId: id, commentId });
  }

  async renameAuthor(authorId: string, authorName: string, page: PageRequest): Promise<StoreKey | null> {
    const posts = [...this.state.posts.values()]
      .filter((post) => post.authorId === authorId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { items, nextKey } = pageBy(posts, (post) => post.id, page);
    for (const post of items) post.authorName = authorName;
    return nextKey;
  }

  private newestFirst(): Post[] {
    if (!this.state.postsNewestFirst) {
      this.state.postsNewestFirst = [...this.state.posts.values()].sort((a, b) =>
        compareDescending(a.id, b.id),
      );
    }
    return this.state.postsNewestFirst;
  }

  private read(post: Post, viewerId: string | undefined): PostRead {
    const favoritedByViewer =
      viewerId !== undefined && (this.state.favorites.get(post.id)?.has(viewerId) ?? false);
    return { post: copy(post), favoritedByViewer };
  }
}
