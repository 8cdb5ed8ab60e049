import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createBlogApi } from './api/blog-api';
import { createHttpClient } from './api/http';
import type { Health, Profile } from './api/types';
import { AppContext, type AppContextValue } from './app-context';
import type { FirebaseSignIn } from './auth/firebase-sign-in';
import type { HostedSignIn } from './auth/hosted-sign-in';
import { Header } from './components/header';
import { PageTitle } from './components/page-title';
import type { ClientConfig } from './config';
import { PostFormPage } from './pages/post-form-page';
import { PostPage } from './pages/post-page';
import { PostsPage } from './pages/posts-page';
import { ProfilePage } from './pages/profile-page';
import { SignInPage } from './pages/sign-in-page';
import { links, navigate, type Route, useRoute } from './router';
import { tokenStore } from './token-store';

/**
 * The whole client: the API client, the session, the header and the page the hash names. With `hosted`, the
 * identity provider's pages sign people in (tokens in sessionStorage, refreshed); with `firebase`, Firebase's
 * web SDK does (it keeps the user and refreshes the token); with neither, the token lives in localStorage
 * (the local stack's dev tokens).
 */
export function App({
  config,
  hosted = null,
  firebase = null,
}: {
  config: ClientConfig;
  hosted?: HostedSignIn | null;
  firebase?: FirebaseSignIn | null;
}) {
  const { route, key } = useRoute();
  // Firebase's SDK restores its user asynchronously: onIdToken (below) reports it.
  const [token, setToken] = useState(() => (hosted ? hosted.idToken() : firebase ? null : tokenStore.get()));
  const [me, setMe] = useState<Profile | null>(null);
  const [environment, setEnvironment] = useState<Health['environment'] | null>(null);
  const [expired, setExpired] = useState(false);
  const [signInFailure, setSignInFailure] = useState<string | null>(null);
  const tokenRef = useRef(token);

  /** Drops the token here; the provider's session, if any, is left alone. */
  const forget = useCallback(() => {
    if (hosted) hosted.forget();
    else if (!firebase) tokenStore.clear();
    tokenRef.current = null;
    setToken(null);
    setMe(null);
  }, [hosted, firebase]);

  /** A refreshed token for the same user: no new profile, no new sign-in. */
  const adopt = useCallback((fresh: string) => {
    tokenRef.current = fresh;
    setToken(fresh);
  }, []);

  const signOut = useCallback(() => {
    forget();
    // Ends the provider's session too, or the next "Sign in" would come straight back as the same user.
    hosted?.signOut().catch(() => undefined);
    firebase?.signOut().catch(() => undefined);
  }, [forget, hosted, firebase]);

  const api = useMemo(
    () =>
      createBlogApi(
        createHttpClient({
          baseUrl: config.apiUrl,
          token: () => tokenRef.current,
          onUnauthorized: () => {
            // An ID token that expired while the tab slept: a refresh token may still be good.
            const renewed = (hosted ?? firebase)?.refreshNow() ?? Promise.resolve(null);
            renewed.then((fresh) => {
              if (fresh) adopt(fresh);
              else {
                setExpired(true);
                forget();
              }
            });
          },
        }),
      ),
    [config.apiUrl, forget, adopt, hosted, firebase],
  );

  const signIn = useCallback(
    async (next: string) => {
      // Asking for the profile proves the token works before it replaces the current one.
      const profile = await api.me(next);
      if (!hosted && !firebase) tokenStore.set(next);
      tokenRef.current = next;
      setToken(next);
      setMe(profile);
      setExpired(false);
    },
    [api, hosted, firebase],
  );

  // Firebase's SDK reports the restored user, each refreshed ID token, and the sign-out (null).
  useEffect(() => {
    if (!firebase) return;
    return firebase.onIdToken((fresh) => {
      if (fresh === tokenRef.current) return;
      if (!fresh) forget();
      else if (tokenRef.current) adopt(fresh);
      else signIn(fresh).catch((error: Error) => setSignInFailure(error.message));
    });
  }, [firebase, forget, adopt, signIn]);

  // Back from the provider's sign-in page: redeem the code, then keep the ID token fresh while signed in.
  useEffect(() => {
    if (!hosted) return;
    hosted
      .complete()
      .then(async (returned) => {
        if (!returned) {
          // Back in a tab whose ID token expired: renew it rather than look signed out.
          if (!tokenRef.current) {
            const fresh = await hosted.refreshNow();
            if (fresh) await signIn(fresh);
          }
          return;
        }
        await signIn(returned.idToken);
        navigate(returned.returnTo.startsWith('#/') ? returned.returnTo : links.posts());
      })
      .catch((error: Error) => setSignInFailure(error.message));
  }, [hosted, signIn]);
  useEffect(() => {
    if (!hosted || !token) return;
    return hosted.keepFresh((fresh) => {
      if (fresh) adopt(fresh);
      else {
        setExpired(true);
        forget();
      }
    });
  }, [hosted, token, forget, adopt]);

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
    hosted,
    firebase,
  };
  return (
    <AppContext.Provider value={value}>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {signInFailure && (
          <p class="notice" role="alert">
            Signing in did not work: {signInFailure} <a href={links.signIn()}>Try again</a>.
          </p>
        )}
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
