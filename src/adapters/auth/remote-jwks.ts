import type { JWTVerifyGetKey } from 'jose';
import { createRemoteJWKSet } from 'jose/jwks/remote';

/**
 * A provider's published key set, fetched on first use and kept for the life of the (warm) Lambda, so
 * most requests verify without any network call.
 */
export function remoteJwks(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    // A hung key endpoint must fail the request in seconds, not hold it until the Lambda times out.
    timeoutDuration: 3_000,
    // A token with an unknown kid (a key rotation) refetches at most this often, so junk tokens
    // cannot turn this process into a load generator against Google or Cognito.
    cooldownDuration: 30_000,
    // Providers publish new keys well before using them; a rotated-out key stops being trusted after this.
    cacheMaxAge: 10 * 60_000,
  });
}
