import { createRemoteJWKSet } from 'jose';
import { JoseTokenVerifier } from './jose-token-verifier.js';

export interface CognitoVerifierOptions {
  region: string;
  userPoolId: string;
  /** The app client whose ID tokens are accepted (their `aud`). */
  clientId: string;
  /** For tests only: a JWKS served on loopback instead of Cognito's. */
  jwksUrl?: string;
  /** For tests only: the issuer the test's tokens carry. */
  issuer?: string;
}

/** Cognito user pool ID tokens (not access tokens) of one app client, RS256. */
export function createCognitoVerifier(options: CognitoVerifierOptions): JoseTokenVerifier {
  const issuer =
    options.issuer ?? `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
  return new JoseTokenVerifier({
    issuer,
    audience: options.clientId,
    jwks: createRemoteJWKSet(new URL(options.jwksUrl ?? `${issuer}/.well-known/jwks.json`), {
      timeoutDuration: 3_000,
      cooldownDuration: 30_000,
    }),
    algorithms: ['RS256'],
    requiredClaims: { token_use: 'id' },
    nameFallbackClaim: 'cognito:username',
  });
}
