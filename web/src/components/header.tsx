import { useApp } from '../app-context';
import { links, navigate, type Route } from '../router';

/** The site header: where you are, where you can go, and who you are signed in as. */
export function Header({ route }: { route: Route }) {
  const { session, environment } = useApp();
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  return (
    <header class="site">
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <a class="brand" href={links.posts()}>
        blogapp
      </a>
      {environment && environment !== 'production' && <span class="env">{environment}</span>}
      <nav aria-label="Main">
        <a href={links.posts()} aria-current={current('posts')}>
          Posts
        </a>
        {session.token ? (
          <>
            <a href={links.newPost()} aria-current={current('new')}>
              Write
            </a>
            <a href={links.profile()} aria-current={current('profile')}>
              {session.me?.displayName ?? 'Profile'}
            </a>
            <button
              type="button"
              class="link"
              onClick={() => {
                session.signOut();
                navigate(links.posts());
              }}
            >
              Sign out
            </button>
          </>
        ) : (
          <a href={links.signIn()} aria-current={current('sign-in')}>
            Sign in
          </a>
        )}
      </nav>
    </header>
  );
}

/** A button, not an `#main` link: the hash is the route, so the skip moves the focus itself. */
function skipToMain() {
  document.getElementById('main')?.focus();
}
