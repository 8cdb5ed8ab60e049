import type { JWTVerifyGetKey } from 'jose';
import { JOSENotSupported, JWKSMultipleMatchingKeys, JWKSNoMatchingKey } from 'jose/errors';
import { createRemoteJWKSet, customFetch } from 'jose/jwks/remote';

/** The key set could not be had (refused, unreachable, timed out, not a key set): no verdict on the token. */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/** After a failed fetch, none for 1 s, then 2, 4... up to this, until one succeeds. */
const MAX_BACKOFF_MS = 30_000;

/**
 * A provider's published key set, fetched on first use and kept for the life of the (warm) Lambda, so
 * most requests verify without any network call.
 *
 * jose's cooldown is timed from a successful fetch only: once the endpoint fails, every request with a
 * token would fetch again, turning an outage of Google's or Cognito's keys (or a cold start that cannot
 * reach them) into one fetch per request, each holding its request up to the timeout. So failures back off
 * here, and requests meanwhile are refused at once.
 */
export function remoteJwks(
  url: string,
  options: { now?: () => number; fetch?: typeof globalThis.fetch | undefined } = {},
): JWTVerifyGetKey {
  const now = options.now ?? Date.now;
  const keys = createRemoteJWKSet(new URL(url), {
    // In AWS, a traced fetch: the key-set fetch a cold start's first signed-in request waits on shows in X-Ray.
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
    // A hung key endpoint must fail the request in seconds, not hold it until the Lambda times out.
    timeoutDuration: 3_000,
    // A token with an unknown kid (a key rotation) refetches at most this often, so junk tokens
    // cannot turn this process into a load generator against Google or Cognito.
    cooldownDuration: 30_000,
    // Providers publish new keys well before using them; a rotated-out key stops being trusted after this.
    cacheMaxAge: 10 * 60_000,
  });
  let failures = 0;
  let retryAt = 0;
  return async (header, token) => {
    if (now() < retryAt) {
      throw new KeySetUnavailableError(`The key set at ${url} failed recently; not fetched again yet.`);
    }
    try {
      const key = await keys(header, token);
      failures = 0;
      return key;
    } catch (error) {
      if (isVerdictOnToken(error)) throw error;
      failures += 1;
      retryAt = now() + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1));
      throw new KeySetUnavailableError(`The key set at ${url} could not be fetched.`, { cause: error });
    }
  };
}

/** What the key set says of this token (no key of its kid, or its algorithm), as opposed to a failed fetch. */
function isVerdictOnToken(error: unknown): boolean {
  return (
    error instanceof JWKSNoMatchingKey ||
    error instanceof JWKSMultipleMatchingKeys ||
    error instanceof JOSENotSupported
  );
}
