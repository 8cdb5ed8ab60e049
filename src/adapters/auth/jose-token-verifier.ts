import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Identity, TokenVerifier } from '../../domain/auth/actor.js';
import { UnauthorizedError } from '../../domain/shared/errors.js';

/** Real ID tokens are 1-2 KB; anything this large is refused before any parsing work. */
const MAX_TOKEN_LENGTH = 8 * 1024;
const CLOCK_TOLERANCE_SECONDS = 5;

export interface JoseVerifierOptions {
  issuer: string;
  audience: string;
  jwks: JWTVerifyGetKey;
  /** Asymmetric only: `none` and HS* are never accepted, whatever the token's header claims. */
  algorithms: ('RS256' | 'ES256')[];
  /** Claims that must hold exactly these values (Cognito: token_use = id). */
  requiredClaims?: Record<string, string>;
  /** Extra provider rules on the verified payload; return a reason to refuse. */
  check?: (payload: JWTPayload) => string | undefined;
  /** Claim to read the display name from when `name` is absent. */
  nameFallbackClaim?: string;
}

/** Verifies bearer JWTs against a JWKS with jose; every failure is a 401 that says nothing internal. */
export class JoseTokenVerifier implements TokenVerifier {
  constructor(private readonly options: JoseVerifierOptions) {}

  async verify(token: string): Promise<Identity> {
    if (token.length > MAX_TOKEN_LENGTH) throw refuse('The token is too large.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.options.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw refuse(
        error instanceof errors.JWTExpired ? 'The token has expired.' : 'The token is not valid.',
        error,
      );
    }
    const problem = this.problemWith(payload);
    if (problem) throw refuse(problem);
    const name = stringClaim(payload, 'name') ?? stringClaim(payload, this.options.nameFallbackClaim);
    const email = stringClaim(payload, 'email');
    return { userId: payload.sub as string, ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }

  private problemWith(payload: JWTPayload): string | undefined {
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
      return 'The token has no valid subject.';
    }
    if ((payload.iat ?? 0) > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
      return 'The token is not valid yet.';
    for (const [claim, value] of Object.entries(this.options.requiredClaims ?? {})) {
      if (payload[claim] !== value) return 'The token is not an ID token for this app.';
    }
    return this.options.check?.(payload);
  }
}

function stringClaim(payload: JWTPayload, claim: string | undefined): string | undefined {
  const value = claim ? payload[claim] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function refuse(message: string, cause?: unknown): UnauthorizedError {
  return new UnauthorizedError(message, cause === undefined ? undefined : { cause });
}
