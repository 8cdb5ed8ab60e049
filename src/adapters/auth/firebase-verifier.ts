import { CLOCK_TOLERANCE_SECONDS, JoseTokenVerifier } from './jose-token-verifier.js';
import { remoteJwks } from './remote-jwks.js';

const FIREBASE_JWKS_URL =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

export interface FirebaseVerifierOptions {
  projectId: string;
  /** For tests only: a JWKS served on loopback instead of Google's. Never set in configuration. */
  jwksUrl?: string;
  /** For tests only: the issuer the test's tokens carry. Never set in configuration. */
  issuer?: string;
  /** How the key set is fetched (a traced fetch in AWS); the global fetch by default. */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Firebase Auth ID tokens of one project: Google's securetoken issuer, RS256, `auth_time` in the past. */
export function createFirebaseVerifier(options: FirebaseVerifierOptions): JoseTokenVerifier {
  return new JoseTokenVerifier({
    issuer: options.issuer ?? `https://securetoken.google.com/${options.projectId}`,
    audience: options.projectId,
    jwks: remoteJwks(options.jwksUrl ?? FIREBASE_JWKS_URL, { fetch: options.fetch }),
    algorithms: ['RS256'],
    // Firebase's own rules for ID tokens: the user must have signed in, and not in the future.
    check: (payload, now) => {
      const authTime = payload.auth_time;
      return typeof authTime === 'number' && authTime <= now + CLOCK_TOLERANCE_SECONDS
        ? undefined
        : 'The token has no valid sign-in time.';
    },
  });
}
