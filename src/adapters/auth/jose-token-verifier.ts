// Subpath imports load only the jose modules used here, bundled or not, which keeps cold starts short;
// type-only imports from the package root are erased at compile time.

import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { JOSEError, JWTClaimValidationFailed, JWTExpired } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';
import { type Identity, MAX_USER_ID_LENGTH, type TokenVerifier } from '../../domain/auth/actor.js';
import { UnauthorizedError } from '../../domain/shared/errors.js';
import { isEncodable } from '../../domain/shared/key-segment.js';

/** Real ID tokens are 1–2 KB; anything over this is refused before any parsing work. */
const MAX_TOKEN_LENGTH = 8 * 1024;
/** Absorbs clock skew between the provider and this host without making stale tokens useful. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * The longest-lived token any provider issues (a Cognito ID token can last a day). Setting it also makes
 * jose require `iat` and refuse one in the future.
 */
const MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60;

export interface JoseTokenVerifierOptions {
  issuer: string;
  /** One client id, or several (a managed pool's web and smoke clients): a token must name one of them. */
  audience: string | readonly string[];
  /** From `createRemoteJWKSet` (providers) or `createLocalJWKSet` (the local issuer). */
  jwks: JWTVerifyGetKey;
  /** Asymmetric algorithms only: `none` and HS* are refused here, whatever the token's header claims. */
  algorithms: readonly string[];
  /** Claims that must hold exactly these values (Cognito: `token_use: 'id'`). */
  requiredClaims?: Readonly<Record<string, string>>;
  /**
   * The claim that must equal `audience` when a token names its client there rather than in `aud`
   * (Cognito access tokens: `client_id`). Unset: `aud` is checked, as for every ID token.
   */
  clientIdClaim?: string;
  /** Claims to read the display name from, first string wins; defaults to `name`. */
  nameClaims?: readonly string[];
  /** Provider rules on the verified payload (Firebase: `auth_time`); returns a reason to refuse. */
  check?: (payload: JWTPayload, nowSeconds: number) => string | undefined;
}

/** Verifies bearer JWTs against a JWKS with jose; any failure is an UnauthorizedError, leaking nothing. */
export class JoseTokenVerifier implements TokenVerifier {
  constructor(private readonly options: JoseTokenVerifierOptions) {
    const symmetric = options.algorithms.filter((alg) => alg.toLowerCase() === 'none' || /^HS/i.test(alg));
    // A symmetric or absent algorithm here is a configuration bug that would open the door to forged tokens.
    if (options.algorithms.length === 0 || symmetric.length > 0) {
      throw new Error(`JoseTokenVerifier needs asymmetric algorithms only, got [${options.algorithms}].`);
    }
  }

  /** The token's identity, or an UnauthorizedError (with the underlying error as `cause`). */
  async verify(token: string): Promise<Identity> {
    if (typeof token !== 'string' || token.length === 0) throw refuse('The token is not valid.');
    if (token.length > MAX_TOKEN_LENGTH) throw refuse('The token is too large.');
    const { issuer, audience, jwks, algorithms, clientIdClaim } = this.options;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        // With a client-id claim the audience lives there, and is checked below instead.
        ...(clientIdClaim ? {} : { audience: typeof audience === 'string' ? audience : [...audience] }),
        algorithms: [...algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw refuse(messageFor(error), error);
    }
    const problem = this.problemWith(payload);
    if (problem) throw refuse(problem);
    const name = firstString(payload, this.options.nameClaims ?? ['name']);
    const email = firstString(payload, ['email']);
    // Half a character cannot be stored, keyed or sent as UTF-8: refuse the token rather than fail later.
    if (![payload.sub as string, name ?? '', email ?? ''].every(isEncodable)) {
      throw refuse('The token has claims that are not valid text.');
    }
    return { userId: payload.sub as string, ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }

  private problemWith(payload: JWTPayload): string | undefined {
    const { sub } = payload;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_USER_ID_LENGTH) {
      return 'The token has no valid subject.';
    }
    const { clientIdClaim, audience, requiredClaims = {} } = this.options;
    const audiences: readonly unknown[] = typeof audience === 'string' ? [audience] : audience;
    if (clientIdClaim && !audiences.includes(payload[clientIdClaim])) {
      return 'The token was not issued for this app.';
    }
    for (const [claim, value] of Object.entries(requiredClaims)) {
      if (payload[claim] !== value) return 'The token is not an ID token for this app.';
    }
    return this.options.check?.(payload, Date.now() / 1000);
  }
}

/** Short, stable messages: which check failed is useful to a client, how it failed is not. */
function messageFor(error: unknown): string {
  if (error instanceof JWTExpired) return 'The token has expired.';
  if (error instanceof JWTClaimValidationFailed && (error.claim === 'nbf' || error.claim === 'iat')) {
    return 'The token is not valid yet.';
  }
  // Not a jose verdict on the token: the key set could not be fetched (refused, unreachable, timed out).
  if (!(error instanceof JOSEError) || error.code === 'ERR_JWKS_TIMEOUT') {
    return 'The token could not be verified.';
  }
  return 'The token is not valid.';
}

function firstString(payload: JWTPayload, claims: readonly string[]): string | undefined {
  for (const claim of claims) {
    const value = payload[claim];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

function refuse(message: string, cause?: unknown): UnauthorizedError {
  return new UnauthorizedError(message, cause === undefined ? undefined : { cause });
}
