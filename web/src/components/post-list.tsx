import type { ComponentChildren } from 'preact';
import type { Page, Post } from '../api/types';
import { usePaged } from '../use-async';
import { ErrorNotice } from './error-notice';
import { Loading } from './loading';
import { PostCard } from './post-card';

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
          <PostCard key={post.id} post={post} />
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
