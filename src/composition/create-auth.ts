import { join } from 'node:path';
import { createTokenVerifier } from '../adapters/auth/create-token-verifier.js';
import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { DevTokenIssuer } from '../http/app-deps.js';

/** The token verifier the config names; locally also the issuer of dev tokens, with its key in the data dir. */
export async function createAuth(
  config: Config,
): Promise<{ verifier: TokenVerifier; devTokens?: DevTokenIssuer }> {
  if (config.auth.provider !== 'local') return { verifier: createTokenVerifier(config.auth) };
  // Loaded only here, so the signing code never reaches a deployed function's cold start.
  const { LocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } = await import('../adapters/auth/local-issuer.js');
  const issuer = await LocalIssuer.open({
    keyFile: join(config.dataDir, 'local-issuer-key.json'),
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  });
  return { verifier: issuer.verifier(), devTokens: issuer };
}
