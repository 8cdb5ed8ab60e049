import { join } from 'node:path';
import { persistentSecret } from '../adapters/local-disk/persistent-secret.js';
import type { Config } from '../config/config.js';
import type { Storage } from '../domain/storage.js';
import type { RequestLine } from '../http/middleware/request-log.js';
import { buildApiServices } from './build-services.js';
import type { ApiComposition, Observability } from './compositions.js';
import { createAuth } from './create-auth.js';
import { createImageStore } from './create-image-store.js';
import { createStorage } from './create-storage.js';
import { createObservability } from './observability.js';

/** The API function: storage, auth, images and the domain services the HTTP app serves. */
export async function composeApi(
  config: Config,
  overrides: { storage?: Storage } = {},
): Promise<ApiComposition> {
  const observability = await createObservability(config);
  const storage = overrides.storage ?? (await createStorage(config.repository, observability.tracer));
  return assembleApi(config, storage, observability, await createAuth(config, observability.tracer));
}

/** The API's services on storage and auth already built (the local stack shares them with its other parts). */
export async function assembleApi(
  config: Config,
  storage: Storage,
  observability: Observability,
  auth: Awaited<ReturnType<typeof createAuth>>,
  requestLines?: RequestLine,
): Promise<ApiComposition> {
  const cursorSecret = config.cursorSecret ?? (await persistentSecret(join(config.dataDir, 'cursor-secret')));
  const images = await createImageStore(config, observability.tracer);
  return buildApiServices({
    ...observability,
    config,
    storage,
    verifier: auth.verifier,
    devTokens: auth.devTokens,
    cursorSecret,
    requestLines,
    ...images,
  });
}
