import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import { useApp } from '../app-context';
import { links, navigate } from '../router';
import { ErrorNotice } from './error-notice';

/**
 * Delete with an in-page confirmation rather than window.confirm: it is styled, reachable by keyboard,
 * and the focus moves to the question so screen readers hear it.
 */
export function DeletePost({ postId }: { postId: string }) {
  const { api } = useApp();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // The question just appeared: focus its safe answer, so a stray Enter does not delete.
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deletePost(postId);
      navigate(links.posts());
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>Delete this post, its comments and favorites?</legend>
      <button type="button" class="danger" onClick={remove} disabled={busy}>
        {busy ? 'Deleting…' : 'Yes, delete'}
      </button>{' '}
      <button type="button" ref={cancel} onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </button>
      {error && <ErrorNotice error={error} />}
    </fieldset>
  );
}
