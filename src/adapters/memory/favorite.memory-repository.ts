import type { FavoriteRepository } from '../../domain/favorites/favorite.repository.js';
import type { PostRead } from '../../domain/posts/post.js';
import { postNotFound } from '../../domain/shared/errors.js';
import type { PageRequest, StorePage } from '../../domain/shared/page.js';
import { compareDescending, pageBy } from './memory-paging.js';
import { copy, type MemoryState } from './memory-state.js';

export class MemoryFavoriteRepository implements FavoriteRepository {
  constructor(private readonly state: MemoryState) {}

  async add(userId: string, postId: string, at: string): Promise<void> {
    const post = this.state.posts.get(postId);
    if (!post) throw postNotFound(postId);
    const favorites = this.state.favorites.get(postId) ?? new Map<string, string>();
    if (favorites.has(userId)) return;
    favorites.set(userId, at);
    this.state.favorites.set(postId, favorites);
    post.favoriteCount += 1;
  }

  async remove(userId: string, postId: string): Promise<void> {
    const post = this.state.posts.get(postId);
    if (!post) throw postNotFound(postId);
    if (this.state.favorites.get(postId)?.delete(userId)) post.favoriteCount -= 1;
  }

  async listByUser(userId: string, page: PageRequest): Promise<StorePage<PostRead>> {
    const favorites: { sortKey: string; postId: string }[] = [];
    for (const [postId, users] of this.state.favorites) {
      const at = users.get(userId);
      if (at !== undefined) favorites.push({ sortKey: `${at}#${postId}`, postId });
    }
    favorites.sort((a, b) => compareDescending(a.sortKey, b.sortKey));
    const { items, nextKey } = pageBy(favorites, (favorite) => favorite.sortKey, page, true);
    const reads = items.flatMap(({ postId }) => {
      const post = this.state.posts.get(postId);
      return post ? [{ post: copy(post), favoritedByViewer: true }] : [];
    });
    return { items: reads, nextKey };
  }
}
