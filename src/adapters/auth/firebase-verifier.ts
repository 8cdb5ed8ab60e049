import { createRemoteJWKSet } from 'jose';
import { JoseTokenVerifier } from './jose-token-verifier.js';

const FIREBASE_JWKS =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

export interface FirebaseVerifierOptions {
  projectId: string;
  /** For tests only: a JWKS served on loopback instead of Google's. */
  jwksUrl?: string;
  /** For tests only: the issuer the test's tokens carry. */
  issuer?: string;
}

/** Firebase Auth ID tokens: Google's securetoken issuer for the project, RS256, `auth_time` in the past. */
export function createFirebaseVerifier(options: FirebaseVerifierOptions): JoseTokenVerifier {
  return new JoseTokenVerifier({
    issuer: options.issuer ?? `https://securetoken.google.com/${options.projectId}`,
    audience: options.projectId,
    jwks: createRemoteJWKSet(new URL(options.jwksUrl ?? FIREBASE_JWKS), {
      timeoutDuration: 3_000,
      cooldownDuration: 30_000,
    }),
    algorithms: ['RS256'],
    check: (payload) => {
      const authTime = payload.auth_time;
      if (typeof authTime !== 'number' || authTime > Date.now() / 1000 + 5)
        return 'The token has no valid auth_time.';
      return undefined;
    },
  });
}
