import type { Actor } from '../auth/actor.js';
import type { PostView } from '../posts/post.js';
import type { PostService } from '../posts/post.service.js';
import type { Clock } from '../shared/clock.js';
import { type CursorCodec, type ListParams, type Page, toPage, toPageRequest } from '../shared/page.js';
import type { FavoriteRepository } from './favorite.repository.js';

export interface FavoriteServiceDeps {
  favorites: FavoriteRepository;
  posts: Pick<PostService, 'toViews'>;
  cursors: CursorCodec;
  clock: Clock;
}

export class FavoriteService {
  constructor(private readonly deps: FavoriteServiceDeps) {}

  add(actor: Actor, postId: string): Promise<void> {
    return this.deps.favorites.add(actor.userId, postId, this.deps.clock.now().toISOString());
  }

  remove(actor: Actor, postId: string): Promise<void> {
    return this.deps.favorites.remove(actor.userId, postId);
  }

  async listMine(actor: Actor, params: ListParams): Promise<Page<PostView>> {
    const scope = `favorites:${actor.userId}`;
    const page = await this.deps.favorites.listByUser(
      actor.userId,
      toPageRequest(this.deps.cursors, scope, params),
    );
    const views = await this.deps.posts.toViews(page.items);
    return toPage(this.deps.cursors, scope, { items: views, nextKey: page.nextKey }, (v) => v);
  }
}
