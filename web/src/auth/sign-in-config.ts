/**
 * Where a deployed client signs people in: the runtime config (`/blogapp-config.js`, written by the deploy)
 * names an OpenID Connect issuer and the public app client. Absent, the client keeps its other ways in
 * (the local stack's dev tokens).
 */
export interface SignInConfig {
  /** The OpenID Connect issuer; its discovery document names the authorize and token endpoints. */
  issuer: string;
  /** The public app client (no secret: PKCE protects the code). */
  clientId: string;
  /**
   * Cognito's logout endpoint (`https://<domain>/logout`), which its discovery document does not name;
   * unset where the issuer advertises an `end_session_endpoint`.
   */
  logoutUrl?: string;
}

/** The `signIn` entry of the host page's config, if it is complete. */
export function readSignInConfig(injected: unknown): SignInConfig | null {
  const signIn = (injected as { signIn?: Record<string, unknown> } | undefined)?.signIn;
  if (!signIn || typeof signIn.issuer !== 'string' || typeof signIn.clientId !== 'string') return null;
  return {
    issuer: signIn.issuer,
    clientId: signIn.clientId,
    ...(typeof signIn.logoutUrl === 'string' ? { logoutUrl: signIn.logoutUrl } : {}),
  };
}

/**
 * A Firebase project's web config (Firebase console → Project settings → Your apps), written by the deploy
 * when the stack's AuthProvider is firebase. With it the client signs in through Firebase's own web SDK.
 */
export interface FirebaseSignInConfig {
  apiKey: string;
  /** Where Google's popup and redirect sign-in run (`<project>.firebaseapp.com` unless a custom domain). */
  authDomain: string;
  projectId: string;
  /**
   * The Firebase Auth emulator (or the tests' stand-in of it), for development: the SDK then sends its
   * requests there instead of Google. The deploy never writes it.
   */
  emulatorUrl?: string;
}

/** The `firebase` entry of the host page's config, if it is complete. */
export function readFirebaseConfig(injected: unknown): FirebaseSignInConfig | null {
  const firebase = (injected as { firebase?: Record<string, unknown> } | undefined)?.firebase;
  if (!firebase) return null;
  const { apiKey, authDomain, projectId, emulatorUrl } = firebase;
  if (typeof apiKey !== 'string' || typeof authDomain !== 'string' || typeof projectId !== 'string')
    return null;
  return {
    apiKey,
    authDomain,
    projectId,
    ...(typeof emulatorUrl === 'string' ? { emulatorUrl } : {}),
  };
}
