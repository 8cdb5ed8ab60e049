import { join } from 'node:path';
import { createTokenVerifier } from '../adapters/auth/create-token-verifier.js';
import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { Storage } from '../domain/storage.js';
import type { DevTokenIssuer } from '../http/app-deps.js';
import { persistentSecret } from '../local/local-secrets.js';
import { createTracer } from '../observability/tracing.js';
import { buildRealtime } from './build-realtime.js';
import { buildAppDeps, type ComposedDeps } from './build-services.js';
import { createImageStore } from './create-image-store.js';
import { createLogger } from './create-logger.js';
import { createMetrics } from './create-metrics.js';
import { createStorage } from './create-storage.js';

/**
 * The composition root: builds every adapter the config names and wires the app's dependencies.
 * The Lambda entries and the local stack all start here, so they differ only in configuration.
 */
export async function compose(config: Config, overrides: { storage?: Storage } = {}): Promise<ComposedDeps> {
  const logger = createLogger(config);
  const tracer = await createTracer(config);
  const storage = overrides.storage ?? (await createStorage(config.repository, tracer));
  const cursorSecret = config.cursorSecret ?? (await persistentSecret(join(config.dataDir, 'cursor-secret')));
  const { verifier, devTokens } = await createAuth(config);
  const realtime = await buildRealtime(config, storage, tracer);
  const images = await createImageStore(config, tracer);
  const metrics = createMetrics(config);
  return buildAppDeps({
    config,
    logger,
    metrics,
    tracer,
    storage,
    verifier,
    cursorSecret,
    devTokens,
    ...realtime,
    ...images,
  });
}

async function createAuth(config: Config): Promise<{ verifier: TokenVerifier; devTokens?: DevTokenIssuer }> {
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
