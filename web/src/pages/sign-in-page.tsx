import { useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import { useApp } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { links, navigate } from '../router';

const DEMO_USERS = ['Alice', 'Bob', 'Carol'];

/**
 * With a sign-in provider in the runtime config (a deployed site), its own pages sign people in; with a
 * Firebase project, Firebase's web SDK does (email and password, a new account, or Google). Locally, a name is enough: the
 * dev-token route issues a token for it. Otherwise the user pastes an ID token from the configured provider.
 */
export function SignInPage({ next }: { next: string | null }) {
  const { api, environment, session, hosted, firebase } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Only hashes: `next` comes from the URL, and must not send the user to another site.
  const done = () => navigate(next?.startsWith('#/') ? next : links.posts());

  const signIn = async (getToken: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      await session.signIn(await getToken());
      done();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  if (hosted) {
    return (
      <>
        <PageTitle text="Sign in" />
        {session.me && <p>You are signed in as {session.me.displayName}; signing in again switches user.</p>}
        <HostedSignInButton
          busy={busy}
          error={error}
          onStart={() => {
            setBusy(true);
            setError(null);
            hosted.begin(next?.startsWith('#/') ? next : links.posts()).catch((caught) => {
              setError(asApiError(caught));
              setBusy(false);
            });
          }}
        />
      </>
    );
  }
  if (firebase) {
    return (
      <>
        <PageTitle text="Sign in" />
        {session.me && <p>You are signed in as {session.me.displayName}; signing in again switches user.</p>}
        <FirebaseSignInForm
          busy={busy}
          error={error}
          onPassword={(email, password) => signIn(() => firebase.withPassword(email, password))}
          onSignUp={(email, password) => signIn(() => firebase.signUp(email, password))}
          // null: the page is leaving for Google (a redirect) and comes back signed in; stay busy until it goes.
          onGoogle={() =>
            signIn(async () => (await firebase.withGoogle()) ?? new Promise<never>(() => undefined))
          }
        />
      </>
    );
  }
  if (environment === null) return <Loading what="Checking the environment…" />;
  return (
    <>
      <PageTitle text="Sign in" />
      {session.me && <p>You are signed in as {session.me.displayName}; signing in again switches user.</p>}
      {environment === 'local' ? (
        <LocalSignIn
          busy={busy}
          error={error}
          onName={(name) => signIn(async () => (await api.devToken(userIdFor(name), name)).token)}
        />
      ) : (
        <TokenSignIn busy={busy} error={error} onToken={(token) => signIn(async () => token)} />
      )}
    </>
  );
}

interface FormProps {
  busy: boolean;
  error: ApiError | null;
}

function LocalSignIn({ busy, error, onName }: FormProps & { onName(name: string): void }) {
  const [name, setName] = useState('');
  return (
    <>
      <p>This is the local stack: pick a demo user or type any name (no password).</p>
      <fieldset class="actions plain">
        <legend class="visually-hidden">Demo users</legend>
        {DEMO_USERS.map((user) => (
          <button key={user} type="button" onClick={() => onName(user)} disabled={busy}>
            {user}
          </button>
        ))}
      </fieldset>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onName(name.trim());
        }}
        noValidate
      >
        <Field id="user-name" label="Your name" field="name" error={error}>
          {(aria) => (
            <input
              id="user-name"
              name="name"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              autoComplete="username"
              {...aria}
            />
          )}
        </Field>
        {error && <ErrorNotice error={error} />}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </>
  );
}

function HostedSignInButton({ busy, error, onStart }: FormProps & { onStart(): void }) {
  return (
    <>
      <p>You sign in, or create an account, on this blog's sign-in page, then come straight back here.</p>
      {error && <ErrorNotice error={error} />}
      <button type="button" onClick={onStart} disabled={busy}>
        Continue to sign-in
      </button>
    </>
  );
}

function FirebaseSignInForm({
  busy,
  error,
  onPassword,
  onSignUp,
  onGoogle,
}: FormProps & {
  onPassword(email: string, password: string): void;
  onSignUp(email: string, password: string): void;
  onGoogle(): void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onPassword(email.trim(), password);
        }}
        noValidate
      >
        <Field id="sign-in-email" label="Email" field="email" error={error}>
          {(aria) => (
            <input
              id="sign-in-email"
              name="email"
              type="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              autoComplete="username"
              {...aria}
            />
          )}
        </Field>
        <Field id="sign-in-password" label="Password" field="password" error={error}>
          {(aria) => (
            <input
              id="sign-in-password"
              name="password"
              type="password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              {...aria}
            />
          )}
        </Field>
        {error && <ErrorNotice error={error} />}
        <div class="actions">
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <button type="button" onClick={() => onSignUp(email.trim(), password)} disabled={busy}>
            Create account
          </button>
        </div>
      </form>
      <p>
        New here? Type your email and a password, then “Create account”: we send you a link to confirm the
        address.
      </p>
      <p>Or:</p>
      <button type="button" onClick={onGoogle} disabled={busy}>
        Continue with Google
      </button>
    </>
  );
}

function TokenSignIn({ busy, error, onToken }: FormProps & { onToken(token: string): void }) {
  const [token, setToken] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onToken(token.trim());
      }}
      noValidate
    >
      <Field
        id="id-token"
        label="ID token"
        field="token"
        error={error}
        hint="Paste an ID token from this environment's sign-in provider (Firebase or Cognito)."
      >
        {(aria) => (
          <textarea
            id="id-token"
            name="token"
            rows={5}
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            {...aria}
          />
        )}
      </Field>
      {error && <ErrorNotice error={error} />}
      <button type="submit" disabled={busy || token.trim() === ''}>
        Sign in
      </button>
    </form>
  );
}

/** A name as a user id the API accepts (letters, digits, - and _): "Ada Lovelace" → "ada-lovelace". */
export function userIdFor(name: string): string {
  const id = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  // A name of only symbols or another script still signs in, as a stable id derived from its characters.
  return (
    id ||
    `user-${[...name]
      .map((c) => c.codePointAt(0)?.toString(36))
      .join('')
      .slice(0, 59)}`
  );
}
