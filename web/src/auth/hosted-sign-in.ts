import * as oauth from 'oauth4webapi';
import { type StoredTokens, signInStorage } from './session-storage';
import type { SignInConfig } from './sign-in-config';

/**
 * Signing in on the identity provider's own pages (Cognito's managed login, or any OpenID Connect
 * provider): the authorization code flow with PKCE and a checked `state`, for a public client (no secret).
 * The ID token is the API's bearer; it is refreshed before it expires, and signing out forgets the tokens
 * and ends the provider's session too.
 */
export interface HostedSignIn {
  /** The stored ID token, if one is still valid. */
  idToken(): string | null;
  /** Leaves for the provider's sign-in page; comes back to `returnTo` (a hash route) signed in. */
  begin(returnTo: string): Promise<void>;
  /**
   * On the way back from the provider: redeems the code (once) and returns the ID token and where to go.
   * Null when this page load is not a return from the provider.
   */
  complete(): Promise<{ idToken: string; returnTo: string } | null>;
  /**
   * A fresh ID token from the stored refresh token (a tab coming back after its ID token expired, or a 401);
   * null when there is none or the provider refused it.
   */
  refreshNow(): Promise<string | null>;
  /** Calls `onToken` with each refreshed ID token (null when refreshing failed); returns a stop function. */
  keepFresh(onToken: (idToken: string | null) => void): () => void;
  /** Forgets the tokens (they stopped working); the provider's session is left alone. */
  forget(): void;
  /** Forgets the tokens and sends the browser to the provider's logout, which comes back here. */
  signOut(): Promise<void>;
}

/** Refresh when this much of the token's lifetime is left, so a request never carries an expired token. */
const REFRESH_AT_REMAINING = 0.2;

export function createHostedSignIn(config: SignInConfig, location: Location): HostedSignIn {
  const issuer = new URL(config.issuer);
  const client: oauth.Client = { client_id: config.clientId };
  // Loopback http is how the tests' stand-in provider runs; anything else must be https.
  const insecure =
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  const options = insecure ? { [oauth.allowInsecureRequests]: true } : {};
  // The page the provider sends the browser back to: the app's root, as registered with the client.
  const redirectUri = `${location.origin}${location.pathname}`;
  let server: Promise<oauth.AuthorizationServer> | undefined;
  const discover = () => {
    server ??= oauth
      .discoveryRequest(issuer, { ...options, algorithm: 'oidc' })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    server.catch(() => {
      server = undefined; // a failed discovery is retried by the next attempt
    });
    return server;
  };

  const store = (result: oauth.TokenEndpointResponse, previous?: StoredTokens): StoredTokens => {
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!result.id_token || !claims) throw new Error('The sign-in provider returned no ID token.');
    const tokens: StoredTokens = {
      idToken: result.id_token,
      expiresAt: claims.exp * 1000,
      // Cognito's refresh answers carry no new refresh token: the one from sign-in stays valid.
      ...((result.refresh_token ?? previous?.refreshToken)
        ? { refreshToken: result.refresh_token ?? previous?.refreshToken }
        : {}),
    };
    signInStorage.setTokens(tokens);
    return tokens;
  };

  const refresh = async (tokens: StoredTokens): Promise<StoredTokens | null> => {
    if (!tokens.refreshToken) return null;
    const as = await discover();
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.None(),
      tokens.refreshToken,
      options,
    );
    return store(await oauth.processRefreshTokenResponse(as, client, response), tokens);
  };

  return {
    idToken() {
      const tokens = signInStorage.tokens();
      return tokens && tokens.expiresAt > Date.now() ? tokens.idToken : null;
    },

    async begin(returnTo) {
      const as = await discover();
      if (!as.authorization_endpoint)
        throw new Error('The sign-in provider names no authorization endpoint.');
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      signInStorage.setPending({ codeVerifier, state, nonce, returnTo });
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: client.client_id,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      }).toString();
      location.assign(url.toString());
    },

    async complete() {
      const current = new URL(location.href);
      const params = current.searchParams;
      if (!params.has('state') || !(params.has('code') || params.has('error'))) return null;
      const pending = signInStorage.takePending();
      // The address bar loses the code at once, whatever happens next: it is single-use and secret.
      history.replaceState(null, '', `${redirectUri}${pending?.returnTo ?? current.hash}`);
      if (!pending)
        throw new Error('This sign-in was not started here (or was already used): sign in again.');
      const as = await discover();
      // Throws unless `state` is the one this tab sent, and on an error answer from the provider.
      const callback = oauth.validateAuthResponse(as, client, params, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.None(),
        callback,
        redirectUri,
        pending.codeVerifier,
        options,
      );
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: pending.nonce,
        requireIdToken: true,
      });
      return { idToken: store(result).idToken, returnTo: pending.returnTo };
    },

    async refreshNow() {
      const tokens = signInStorage.tokens();
      if (!tokens?.refreshToken) return null;
      try {
        return (await refresh(tokens))?.idToken ?? null;
      } catch {
        return null;
      }
    },

    keepFresh(onToken) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const schedule = () => {
        const tokens = signInStorage.tokens();
        if (stopped || !tokens?.refreshToken) return;
        // Four fifths of the time left: early enough that no request carries an expired token.
        const due = Math.max(0, (tokens.expiresAt - Date.now()) * (1 - REFRESH_AT_REMAINING));
        timer = setTimeout(async () => {
          try {
            const fresh = await refresh(tokens);
            if (stopped) return;
            onToken(fresh?.idToken ?? null);
            schedule();
          } catch {
            // A revoked or expired refresh token: signed out, the app says so.
            if (!stopped) onToken(null);
          }
        }, due);
      };
      schedule();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    },

    forget() {
      signInStorage.setTokens(null);
    },

    async signOut() {
      const tokens = signInStorage.tokens();
      signInStorage.setTokens(null);
      const back = `${location.origin}${location.pathname}`;
      const as = await discover().catch(() => null);
      if (as?.end_session_endpoint) {
        const url = new URL(as.end_session_endpoint);
        url.searchParams.set('client_id', client.client_id);
        url.searchParams.set('post_logout_redirect_uri', back);
        if (tokens) url.searchParams.set('id_token_hint', tokens.idToken);
        location.assign(url.toString());
      } else if (config.logoutUrl) {
        // Cognito's own logout: ends the managed login session, then returns to a registered logout URL.
        const url = new URL(config.logoutUrl);
        url.searchParams.set('client_id', client.client_id);
        url.searchParams.set('logout_uri', back);
        location.assign(url.toString());
      }
    },
  };
}
