import { useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import { useApp } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { PostList } from '../components/post-list';
import { When } from '../components/when';
import { links } from '../router';

/** The signed-in user's profile (GET/PATCH /api/me), a link to their posts, and their favorites. */
export function ProfilePage() {
  const { api, session } = useApp();
  const me = session.me;
  const [name, setName] = useState(me?.displayName ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setName(me?.displayName ?? ''), [me?.displayName]);

  if (!session.token) {
    return (
      <>
        <PageTitle text="Profile" />
        <p>
          <a href={links.signIn()}>Sign in</a> to see your profile.
        </p>
      </>
    );
  }
  if (!me) return <Loading what="Loading your profile…" />;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      session.setMe(await api.updateMe(name));
      setSaved(true);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle text="Profile" />
      <dl class="profile">
        <dt>User id</dt>
        <dd>
          <code>{me.id}</code>
        </dd>
        <dt>Member since</dt>
        <dd>
          <When iso={me.createdAt} />
        </dd>
      </dl>
      <form onSubmit={submit} noValidate>
        <Field id="display-name" label="Display name" field="displayName" error={error}>
          {(aria) => (
            <input
              id="display-name"
              name="displayName"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              autoComplete="nickname"
              required
              {...aria}
            />
          )}
        </Field>
        {error && <ErrorNotice error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>{' '}
        {saved && (
          <span role="status" class="ok">
            Saved.
          </span>
        )}
      </form>
      <p>
        <a href={links.posts(me.id)}>My posts</a>
      </p>
      <h2>My favorites</h2>
      <PostList
        label="My favorites"
        load={(cursor) => api.myFavorites(cursor)}
        deps={[api, me.id]}
        empty={<p>No favorites yet: press ☆ Favorite on a post you like.</p>}
      />
    </>
  );
}
