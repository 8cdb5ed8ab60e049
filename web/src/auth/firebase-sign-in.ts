import { initializeApp } from '@firebase/app';
import {
  browserLocalPersistence,
  browserPopupRedirectResolver,
  connectAuthEmulator,
  createUserWithEmailAndPassword,
  GoogleAuthProvider,
  getRedirectResult,
  indexedDBLocalPersistence,
  initializeAuth,
  onIdTokenChanged,
  sendEmailVerification,
  signInWithEmailAndPassword,
  signInWithPopup,
  signInWithRedirect,
  signOut,
} from '@firebase/auth';
import type { FirebaseSignInConfig } from './sign-in-config';

/**
 * Signing in with Firebase Authentication through Firebase's own web SDK (loaded only when the runtime
 * config names a Firebase project: main.tsx imports this module dynamically, so it is a chunk of its own).
 * The SDK keeps the user, refreshes the ID token before it expires and reports every new one; that ID token
 * is the API's bearer.
 */
export interface FirebaseSignIn {
  /** Email and password of a Firebase user; resolves to the user's ID token. */
  withPassword(email: string, password: string): Promise<string>;
  /**
   * A new Firebase user with this email and password, signed in at once; Firebase mails a link to verify the
   * address. Resolves to the new user's ID token.
   */
  signUp(email: string, password: string): Promise<string>;
  /**
   * Google's sign-in in a popup; where the browser blocks popups, the whole page goes to Google and comes
   * back (then resolves to null: `onIdToken` reports the user after the return).
   */
  withGoogle(): Promise<string | null>;
  /**
   * Calls `listener` with the current ID token (null when signed out) and every refreshed one, and keeps the
   * token fresh while someone listens; returns a stop.
   */
  onIdToken(listener: (idToken: string | null) => void): () => void;
  /** A fresh ID token (after a 401), or null when nobody is signed in or the refresh failed. */
  refreshNow(): Promise<string | null>;
  /** Signs out of Firebase (the SDK forgets the user and its refresh token). */
  signOut(): Promise<void>;
}

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

const WRONG_CREDENTIALS = 'Wrong email or password: check both and try again.';

/** What to tell the user for the SDK's error codes (its own messages read "Firebase: Error (auth/…)"). */
const MESSAGES: Record<string, string> = {
  'auth/invalid-credential': WRONG_CREDENTIALS,
  'auth/invalid-login-credentials': WRONG_CREDENTIALS,
  'auth/wrong-password': WRONG_CREDENTIALS,
  'auth/user-not-found': WRONG_CREDENTIALS,
  'auth/invalid-email': 'That is not an email address: check it and try again.',
  'auth/missing-password': 'Type a password first.',
  'auth/email-already-in-use': 'That email already has an account: sign in with it instead.',
  'auth/weak-password': 'That password is too weak: use at least 6 characters.',
  'auth/user-disabled': 'This account is disabled: ask the blog’s owner to enable it.',
  'auth/too-many-requests': 'Too many attempts: wait a few minutes, then try again.',
  'auth/popup-closed-by-user': 'The Google window was closed before signing in: try again.',
  'auth/network-request-failed': 'Firebase could not be reached: check the connection and try again.',
  'auth/unauthorized-domain':
    "This site's address is not among the Firebase project's authorized domains: its owner must add it.",
};

/** An error whose message is for the user (ApiError would pull the API client's module into this chunk). */
function explained(error: unknown): Error {
  const code = codeOf(error);
  return new Error(MESSAGES[code] ?? `Signing in did not work (${code || error}).`, { cause: error });
}

/** When to renew the ID token: this fraction of its lifetime. */
const REFRESH_AT = 0.8;

const POPUP_REFUSED = new Set(['auth/popup-blocked', 'auth/operation-not-supported-in-this-environment']);

export function createFirebaseSignIn(config: FirebaseSignInConfig): FirebaseSignIn {
  const app = initializeApp({
    apiKey: config.apiKey,
    authDomain: config.authDomain,
    projectId: config.projectId,
  });
  const auth = initializeAuth(app, {
    persistence: [indexedDBLocalPersistence, browserLocalPersistence],
    popupRedirectResolver: browserPopupRedirectResolver,
  });
  // No banner over the page nor console warning: an emulator is named only by a developer's own config.
  if (config.emulatorUrl) connectAuthEmulator(auth, config.emulatorUrl, { disableWarnings: true });
  // A redirect sign-in coming back: completing it makes the user current (reported through onIdToken).
  getRedirectResult(auth).catch(() => undefined);

  return {
    async withPassword(email, password) {
      try {
        const { user } = await signInWithEmailAndPassword(auth, email, password);
        return await user.getIdToken();
      } catch (error) {
        throw explained(error);
      }
    },
    async signUp(email, password) {
      try {
        const { user } = await createUserWithEmailAndPassword(auth, email, password);
        // Signed in either way: a verification mail that fails to go out is not worth refusing the account.
        await sendEmailVerification(user).catch(() => undefined);
        return await user.getIdToken();
      } catch (error) {
        throw explained(error);
      }
    },
    async withGoogle() {
      const provider = new GoogleAuthProvider();
      try {
        const { user } = await signInWithPopup(auth, provider);
        return await user.getIdToken();
      } catch (error) {
        if (!POPUP_REFUSED.has(codeOf(error))) throw explained(error);
        await signInWithRedirect(auth, provider).catch((redirect) => {
          throw explained(redirect);
        });
        return null;
      }
    },
    onIdToken(listener) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stop = onIdTokenChanged(auth, async (user) => {
        clearTimeout(timer);
        if (!user) return listener(null);
        try {
          const { token, expirationTime } = await user.getIdTokenResult();
          listener(token);
          // The SDK renews a token only when asked for one near its expiry (its own timer serves other
          // Firebase SDKs, not onIdTokenChanged), and our requests read the token synchronously: ask for a
          // fresh one at four fifths of its lifetime, as the hosted sign-in does. onIdTokenChanged reports it.
          const left = Date.parse(expirationTime) - Date.now();
          timer = setTimeout(
            () => user.getIdToken(true).catch(() => undefined),
            Math.max(0, left * REFRESH_AT),
          );
        } catch {
          listener(null);
        }
      });
      return () => {
        clearTimeout(timer);
        stop();
      };
    },
    async refreshNow() {
      try {
        return (await auth.currentUser?.getIdToken(true)) ?? null;
      } catch {
        return null;
      }
    },
    signOut: () => signOut(auth),
  };
}
