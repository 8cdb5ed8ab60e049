import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { JoseTokenVerifier } from '../../src/adapters/auth/jose-token-verifier.js';
import { remoteJwks } from '../../src/adapters/auth/remote-jwks.js';
import type { TokenVerifier } from '../../src/domain/auth/actor.js';

/**
 * A real OpenID Connect authorization server on loopback (panva's oidc-provider, which follows the specs),
 * standing in for Cognito's managed login in the browser tests: the web client's PKCE flow, refresh and
 * RP-initiated logout run against it exactly as they would against any compliant provider. Its development
 * login page accepts any name and password.
 */
export interface OidcStandIn {
  issuer: string;
  clientId: string;
  /** The API's verifier for this provider's ID tokens (the generic jose verifier, as Cognito's is). */
  verifier: TokenVerifier;
  /** Token requests the provider answered, by grant type: proof that a refresh happened. */
  grants: string[];
  /** Sessions ended through the logout endpoint. */
  logouts: number;
  /**
   * Registers the web client's address (its redirect and post-logout URI) and starts answering: until
   * then every request gets 503. The provider listens first so that the site's Content-Security-Policy can
   * name it before the site starts, and the site's address is known only once the site listens.
   */
  admit(redirectUri: string): void;
  close(): Promise<void>;
}

export interface OidcStandInOptions {
  /** Lifetime of ID and access tokens, in seconds: short for the refresh test. */
  tokenTtlSeconds: number;
  /**
   * Whether discovery advertises an `end_session_endpoint` (default true). Cognito's does not: its clients
   * sign out at the hosted domain's /logout instead.
   */
  endSessionEndpoint?: boolean;
}

const CLIENT_ID = 'blogapp-web';

export async function startOidcStandIn(options: OidcStandInOptions): Promise<OidcStandIn> {
  // The issuer's URL includes its port and the client's the site's, so the server listens before the
  // provider exists, which is built once the site's address is admitted.
  let handle: RequestListener | undefined;
  const server: Server = createServer((req, res) => {
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'stand-in' };
  const restoreConsole = silenceDevelopmentNotices();
  const createProvider = (redirectUri: string) =>
    new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          // A public client, as the web client is with Cognito: no secret, PKCE instead.
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: [redirectUri],
          post_logout_redirect_uris: [redirectUri],
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: ['blogapp-stand-in-cookie-key'] },
      // Public clients must send a code challenge (S256 is the only method it takes by default).
      pkce: { required: () => true },
      ttl: {
        IdToken: options.tokenTtlSeconds,
        AccessToken: options.tokenTtlSeconds,
        RefreshToken: 3600,
        Session: 3600,
        Grant: 3600,
        Interaction: 600,
      },
      // As Cognito: a refresh token with every sign-in, no `offline_access` scope needed.
      issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
        client.grantTypeAllowed('refresh_token'),
      // As Cognito: `name` and `email` in the ID token itself, which is what the API reads.
      conformIdTokenClaims: false,
      claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, name: sub, email: `${sub}@example.test` }),
      }),
      features: {
        devInteractions: { enabled: true },
        rpInitiatedLogout: { enabled: options.endSessionEndpoint ?? true },
      },
    });

  const grants: string[] = [];
  const standIn: OidcStandIn = {
    issuer,
    clientId: CLIENT_ID,
    verifier: new JoseTokenVerifier({
      issuer,
      audience: CLIENT_ID,
      jwks: remoteJwks(`${issuer}/jwks`),
      algorithms: ['RS256'],
    }),
    grants,
    logouts: 0,
    admit(redirectUri) {
      const provider = createProvider(redirectUri);
      provider.on('grant.success', (ctx) => {
        grants.push(String((ctx as { oidc: { params: { grant_type?: string } } }).oidc.params.grant_type));
      });
      provider.on('end_session.success', () => {
        standIn.logouts += 1;
      });
      handle = provider.callback();
    },
    async close() {
      restoreConsole();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
  return standIn;
}

/**
 * oidc-provider prints notices about its development-only parts (in-memory storage, the login page)
 * straight to the console; the tests use exactly those parts on purpose and must stay quiet.
 */
function silenceDevelopmentNotices(): () => void {
  const { info, warn } = console;
  const quiet =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider')) return;
      original(...args);
    };
  console.info = quiet(info);
  console.warn = quiet(warn);
  return () => {
    console.info = info;
    console.warn = warn;
  };
}
