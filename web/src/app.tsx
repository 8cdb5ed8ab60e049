import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createBlogApi } from './api/blog-api';
import { createHttpClient } from './api/http';
import type { Health, Profile } from './api/types';
import { AppContext, type AppContextValue } from './app-context';
import { Header } from './components/header';
import { PageTitle } from './components/page-title';
import type { ClientConfig } from './config';
import { PostFormPage } from './pages/post-form-page';
import { PostPage } from './pages/post-page';
import { PostsPage } from './pages/posts-page';
import { ProfilePage } from './pages/profile-page';
import { SignInPage } from './pages/sign-in-page';
import { links, type Route, useRoute } from './router';
import { tokenStore } from './token-store';

/** The whole client: the API client, the session, the header and the page the hash names. */
export function App({ config }: { config: ClientConfig }) {
  const { route, key } = useRoute();
  const [token, setToken] = useState(tokenStore.get);
  const [me, setMe] = useState<Profile | null>(null);
  const [environment, setEnvironment] = useState<Health['environment'] | null>(null);
  const [expired, setExpired] = useState(false);
  const tokenRef = useRef(token);

  const signOut = useCallback(() => {
    tokenStore.clear();
    tokenRef.current = null;
    setToken(null);
    setMe(null);
  }, []);

  const api = useMemo(
    () =>
      createBlogApi(
        createHttpClient({
          baseUrl: config.apiUrl,
          token: () => tokenRef.current,
          onUnauthorized: () => {
            setExpired(true);
            signOut();
          },
        }),
      ),
    [config.apiUrl, signOut],
  );

  const signIn = useCallback(
    async (next: string) => {
      // Asking for the profile proves the token works before it replaces the current one.
      const profile = await api.me(next);
      tokenStore.set(next);
      tokenRef.current = next;
      setToken(next);
      setMe(profile);
      setExpired(false);
    },
    [api],
  );

  useEffect(() => {
    api.health().then(
      (health) => setEnvironment(health.environment),
      // Without health the sign-in page cannot tell local from elsewhere; offer the token form.
      () => setEnvironment('development'),
    );
    // A stored token: learn who it belongs to (a 401 signs out through onUnauthorized).
    if (tokenRef.current) api.me().then(setMe, () => undefined);
  }, [api]);

  const value: AppContextValue = {
    api,
    config,
    environment,
    navigated: key > 0,
    session: { token, me, signIn, signOut, setMe },
  };
  return (
    <AppContext.Provider value={value}>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {expired && (
          <p class="notice" role="alert">
            Your sign-in has expired. <a href={links.signIn()}>Sign in again</a>.
          </p>
        )}
        <Page route={route} key={key} />
      </main>
    </AppContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'posts':
      return <PostsPage author={route.author} />;
    case 'post':
      return <PostPage id={route.id} />;
    case 'new':
      return <PostFormPage />;
    case 'edit':
      return <PostFormPage id={route.id} />;
    case 'profile':
      return <ProfilePage />;
    case 'sign-in':
      return <SignInPage next={route.next} />;
    default:
      return (
        <>
          <PageTitle text="Page not found" />
          <p>
            Nothing lives at this address. <a href={links.posts()}>See all posts</a>.
          </p>
        </>
      );
  }
}
