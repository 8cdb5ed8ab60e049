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
