import { JoseTokenVerifier } from './jose-token-verifier.js';
import { remoteJwks } from './remote-jwks.js';

export interface CognitoVerifierOptions {
  region: string;
  userPoolId: string;
  /** The app client(s) whose ID tokens are accepted (their `aud`). */
  clientId: string | readonly string[];
  /** For tests only: a JWKS served on loopback instead of Cognito's. Never set in configuration. */
  jwksUrl?: string;
  /** For tests only: the issuer the test's tokens carry. Never set in configuration. */
  issuer?: string;
  /** How the key set is fetched (a traced fetch in AWS); the global fetch by default. */
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Cognito user pool ID tokens of one app client, RS256. Access tokens are refused: they carry no `aud`
 * and no profile claims, and `token_use` tells them apart.
 */
export function createCognitoVerifier(options: CognitoVerifierOptions): JoseTokenVerifier {
  const issuer =
    options.issuer ?? `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
  return new JoseTokenVerifier({
    issuer,
    audience: options.clientId,
    jwks: remoteJwks(options.jwksUrl ?? `${issuer}/.well-known/jwks.json`, { fetch: options.fetch }),
    algorithms: ['RS256'],
    requiredClaims: { token_use: 'id' },
    // Pools without a `name` attribute still have a username to show.
    nameClaims: ['name', 'cognito:username'],
  });
}
