import { useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import type { Comment } from '../api/types';
import { useApp } from '../app-context';
import { links } from '../router';
import { ErrorNotice } from './error-notice';

/** Writes a comment; signed-out readers get a link to sign in instead. */
export function CommentForm({ postId, onAdded }: { postId: string; onAdded(comment: Comment): void }) {
  const { api, session } = useApp();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (!session.token) {
    return (
      <p>
        <a href={links.signIn()}>Sign in to comment</a>
      </p>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.addComment(postId, body));
      setBody('');
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const invalid = error?.fieldMessage('body');
  return (
    // The API validates (its messages are the ones shown), so the browser's own validation is off.
    <form class="comment-form" onSubmit={submit} noValidate>
      <label for="comment-body">Add a comment</label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        value={body}
        onInput={(e) => setBody(e.currentTarget.value)}
        required
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? 'comment-body-error' : undefined}
      />
      {invalid && (
        <p id="comment-body-error" class="field-error">
          {invalid}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <button type="submit" disabled={busy}>
        {busy ? 'Posting…' : 'Post comment'}
      </button>
    </form>
  );
}
