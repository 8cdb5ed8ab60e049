import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import type { Comment, Post } from '../api/types';
import { useApp } from '../app-context';
import { followPost, type LiveStatus } from '../live/post-feed';
import { usePaged } from '../use-async';
import { CommentForm } from './comment-form';
import { ErrorNotice } from './error-notice';
import { Loading } from './loading';
import { When } from './when';

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting for live comments…',
  live: 'Live: new comments appear here as they are posted.',
  offline: 'Live comments are offline; reconnecting…',
};

/**
 * A post's comments, oldest first: the pages the API returns, plus the ones pushed over the WebSocket while
 * the page is open (and the reader's own, shown as soon as the API accepts them).
 */
export function Comments({ post }: { post: Post }) {
  const { api, config, session } = useApp();
  const comments = usePaged((cursor) => api.listComments(post.id, cursor), [api, post.id, session.token]);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [gone, setGone] = useState(false);
  const [notices, setNotices] = useState<string[]>([]);
  // Comments added or removed since the count was read; only used while older pages are still unloaded.
  const [countDelta, setCountDelta] = useState(0);
  const { setItems, reload } = comments;

  const add = (comment: Comment) => {
    setItems((items) => (items.some((c) => c.id === comment.id) ? items : [...items, comment]));
  };
  const remove = (commentId: string) => setItems((items) => items.filter((c) => c.id !== commentId));

  useEffect(
    () =>
      followPost(config.wsUrl, post.id, {
        status: setStatus,
        resubscribed: reload,
        created: (comment) => {
          add(comment);
          setCountDelta((d) => d + 1);
        },
        deleted: (commentId) => {
          remove(commentId);
          setCountDelta((d) => d - 1);
        },
        broadcast: (message) => setNotices((list) => [...list.slice(-2), message]),
        gone: () => setGone(true),
      }),
    // add/remove only use setItems, which is stable, so they need not restart the connection.
    [config.wsUrl, post.id, reload, setItems],
  );

  // A push and a page can both carry the same comment, and a push can overtake a page: one copy each, in order.
  const shown = useMemo(() => {
    const unique = new Map(comments.items.map((c) => [c.id, c]));
    return [...unique.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [comments.items]);
  const count = comments.hasMore ? Math.max(post.commentCount + countDelta, shown.length) : shown.length;
  const me = session.me?.id;

  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments ({count})</h2>
      {gone ? (
        <p class="notice gone" role="alert">
          This post was deleted by its author; comments are closed.
        </p>
      ) : (
        <p class={`live ${status}`} role="status" data-live={status}>
          {STATUS_TEXT[status]}
        </p>
      )}
      {notices.map((notice) => (
        <p class="notice" key={notice}>
          📣 {notice}
        </p>
      ))}
      {comments.loading && <Loading what="Loading comments…" />}
      {comments.error && <ErrorNotice error={comments.error} onRetry={reload} />}
      {!comments.loading && shown.length === 0 && !comments.error && (
        <p class="empty">No comments yet. Be the first.</p>
      )}
      <ol class="comment-list" aria-live="polite">
        {shown.map((comment) => (
          <li key={comment.id} class="comment">
            <p class="meta">
              <strong>{comment.authorName}</strong> · <When iso={comment.createdAt} />
            </p>
            <p class="text">{comment.body}</p>
            {me && (me === comment.authorId || me === post.authorId) && (
              <DeleteComment postId={post.id} comment={comment} onDeleted={() => remove(comment.id)} />
            )}
          </li>
        ))}
      </ol>
      {comments.hasMore && (
        <button type="button" class="more" onClick={comments.loadMore} disabled={comments.loadingMore}>
          {comments.loadingMore ? 'Loading…' : 'Load more comments'}
        </button>
      )}
      {!gone && <CommentForm postId={post.id} onAdded={add} />}
    </section>
  );
}

function DeleteComment(props: { postId: string; comment: Comment; onDeleted(): void }) {
  const { api } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteComment(props.postId, props.comment.id);
      props.onDeleted();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class="link danger"
        onClick={remove}
        disabled={busy}
        aria-label={`Delete comment by ${props.comment.authorName}`}
      >
        Delete
      </button>
      {error && <ErrorNotice error={error} />}
    </>
  );
}
