/**
 * The hosted sign-in's state in sessionStorage: it survives the round trip to the sign-in page and reloads,
 * but not the tab (nothing lingers in localStorage for another user of the machine).
 */
export interface StoredTokens {
  idToken: string;
  refreshToken?: string;
  /** When the ID token expires (ms since the epoch). */
  expiresAt: number;
}

/** What must survive the trip to the authorization server: the PKCE verifier, the state, where to return. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const TOKENS = 'blogapp.signin.tokens';
const PENDING = 'blogapp.signin.pending';

function read<T>(key: string): T | null {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null; // storage disabled, or not ours: treated as nothing stored
  }
}

function write(key: string, value: unknown | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: the sign-in lasts as long as the page
  }
}

export const signInStorage = {
  tokens: () => read<StoredTokens>(TOKENS),
  setTokens: (tokens: StoredTokens | null) => write(TOKENS, tokens),
  /** The pending sign-in, removed as it is read: a code can be redeemed once. */
  takePending: () => {
    const pending = read<PendingSignIn>(PENDING);
    write(PENDING, null);
    return pending;
  },
  setPending: (pending: PendingSignIn) => write(PENDING, pending),
};
