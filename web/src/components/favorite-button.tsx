import { useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import type { Post } from '../api/types';
import { useApp } from '../app-context';
import { links } from '../router';
import { ErrorNotice } from './error-notice';
import { plural } from './post-card';

interface Props {
  post: Post;
  /** The post as the API now counts it, after a toggle. */
  onChange(post: Post): void;
}

/** The favorite toggle (aria-pressed) and the count; signed-out readers get a link to sign in instead. */
export function FavoriteButton({ post, onChange }: Props) {
  const { api, session } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const count = <span class="count">{plural(post.favoriteCount, 'favorite')}</span>;

  if (!session.token) {
    return (
      <p class="favorite">
        {count} · <a href={links.signIn()}>Sign in to favorite</a>
      </p>
    );
  }

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.setFavorite(post.id, !post.favoritedByMe);
      // Re-read rather than add ±1: others favorite too, and the API's count is the true one.
      onChange((await api.getPost(post.id)).post);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="favorite">
      <button type="button" aria-pressed={post.favoritedByMe} onClick={toggle} disabled={busy}>
        {post.favoritedByMe ? '★ Favorited' : '☆ Favorite'}
      </button>{' '}
      {count}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
