import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BlogApi } from './api/blog-api';
import type { Health, Profile } from './api/types';
import type { FirebaseSignIn } from './auth/firebase-sign-in';
import type { HostedSignIn } from './auth/hosted-sign-in';
import type { ClientConfig } from './config';

export interface Session {
  token: string | null;
  /** The signed-in user's profile; null while signed out or still loading. */
  me: Profile | null;
  signIn(token: string): Promise<void>;
  signOut(): void;
  setMe(profile: Profile): void;
}

export interface AppContextValue {
  api: BlogApi;
  config: ClientConfig;
  /** From GET /api/health; null until it answers (or if it cannot). */
  environment: Health['environment'] | null;
  session: Session;
  /** Signing in on the identity provider's pages, when the runtime config names one; else null. */
  hosted: HostedSignIn | null;
  /** Signing in through Firebase's web SDK, when the runtime config names a Firebase project; else null. */
  firebase: FirebaseSignIn | null;
  /** Whether the user has navigated since the page loaded: only then do page titles take the focus. */
  navigated: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}
