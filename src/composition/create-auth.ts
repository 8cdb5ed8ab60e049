import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { DevTokenIssuer } from '../http/app-deps.js';
import type { Tracer } from '../observability/tracing.js';
import { lazily } from './lazily.js';

/** The token verifier the config names; locally also the issuer of dev tokens, with its key in the data dir. */
export async function createAuth(
  config: Config,
  tracer?: Tracer,
): Promise<{ verifier: TokenVerifier; devTokens?: DevTokenIssuer }> {
  const auth = config.auth;
  if (auth.provider !== 'local') {
    // jose (20 KB) is loaded by the first request with a token, not parsed by every cold start: anonymous
    // reads, most of a blog's traffic, never need it.
    const verifier = lazily<TokenVerifier>(async () => {
      const { createTokenVerifier } = await import('../adapters/auth/create-token-verifier.js');
      return createTokenVerifier(auth, { fetch: tracer?.captureFetch(globalThis.fetch) });
    }, ['verify']);
    return { verifier };
  }
  // Loaded only here, so the signing code never reaches a deployed function's cold start.
  const { LocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } = await import('../adapters/auth/local-issuer.js');
  const issuer = await LocalIssuer.open({
    keyFile: join(config.dataDir, 'local-issuer-key.json'),
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  });
  return { verifier: issuer.verifier(), devTokens: issuer };
}
