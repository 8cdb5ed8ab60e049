import { join } from 'node:path';
import { createTokenVerifier } from '../adapters/auth/create-token-verifier.js';
import type { Config } from '../config/config.js';
import type { Storage } from '../domain/storage.js';
import type { AppDeps } from '../http/app-deps.js';
import { persistentSecret } from '../local/local-secrets.js';
import { buildAppDeps } from './build-services.js';
import { createLogger } from './create-logger.js';
import { createStorage } from './create-storage.js';

/**
 * The composition root: builds every adapter the config names and wires the app's dependencies.
 * The Lambda entry and the local stack both start here, so they differ only in configuration.
 */
export async function compose(config: Config, overrides: { storage?: Storage } = {}): Promise<AppDeps> {
  const logger = createLogger(config);
  const storage = overrides.storage ?? (await createStorage(config.repository));
  const cursorSecret = config.cursorSecret ?? (await persistentSecret(join(config.dataDir, 'cursor-secret')));
  if (config.auth.provider === 'local') {
    // Loaded only here, so the signing code never reaches a deployed function's cold start.
    const { LocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } = await import('../adapters/auth/local-issuer.js');
    const issuer = await LocalIssuer.open({
      keyFile: join(config.dataDir, 'local-issuer-key.json'),
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    return buildAppDeps({
      config,
      logger,
      storage,
      verifier: issuer.verifier(),
      cursorSecret,
      devTokens: issuer,
    });
  }
  return buildAppDeps({ config, logger, storage, verifier: createTokenVerifier(config.auth), cursorSecret });
}
