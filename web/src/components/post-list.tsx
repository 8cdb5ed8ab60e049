import type { ComponentChildren } from 'preact';
import type { Page, Post } from '../api/types';
import { links } from '../router';
import { usePaged } from '../use-async';
import { ErrorNotice } from './error-notice';
import { Loading } from './loading';
import { When } from './when';

interface Props {
  load: (cursor: string | null) => Promise<Page<Post>>;
  /** Restart the list when these change (a different author, a different user). */
  deps: unknown[];
  label: string;
  empty: ComponentChildren;
}

/** A paginated list of posts with its loading, empty, error and "load more" states. */
export function PostList({ load, deps, label, empty }: Props) {
  const posts = usePaged(load, deps);
  if (posts.loading) return <Loading what="Loading posts…" />;
  if (posts.error && posts.items.length === 0)
    return <ErrorNotice error={posts.error} onRetry={posts.reload} />;
  if (posts.items.length === 0) return <div class="empty">{empty}</div>;
  return (
    <>
      <ul class="posts" aria-label={label}>
        {posts.items.map((post) => (
          <li key={post.id} class="card">
            <h2>
              <a href={links.post(post.id)}>{post.title}</a>
            </h2>
            <p class="meta">
              by <a href={links.posts(post.authorId)}>{post.authorName}</a> · <When iso={post.createdAt} />
            </p>
            <p class="meta">
              {plural(post.commentCount, 'comment')} · {plural(post.favoriteCount, 'favorite')}
              {post.imageUrl ? ' · with a picture' : ''}
            </p>
          </li>
        ))}
      </ul>
      {posts.error && <ErrorNotice error={posts.error} />}
      {posts.hasMore && (
        <button type="button" class="more" onClick={posts.loadMore} disabled={posts.loadingMore}>
          {posts.loadingMore ? 'Loading…' : 'Load more posts'}
        </button>
      )}
    </>
  );
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
