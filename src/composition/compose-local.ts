import type { Config } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { Storage } from '../domain/storage.js';
import type { RequestLine } from '../http/middleware/request-log.js';
import { afterWriteDeps } from '../stream/after-write.js';
import { broadcastGuardFor, buildRealtime } from './build-realtime.js';
import { assembleApi } from './compose-api.js';
import type { LocalComposition } from './compositions.js';
import { createAuth } from './create-auth.js';
import { createObservability } from './observability.js';

/**
 * Every function of the stack in one process, as `make local` runs them: one storage (the local stack's,
 * whose writes the stream emulation reads), one realtime service, one verifier, one logger.
 */
export async function composeLocal(
  config: Config,
  inputs: {
    storage: Storage;
    requestLines?: RequestLine | undefined;
    /** For tests: tokens of another issuer (a stand-in sign-in provider) instead of the config's. */
    verifier?: TokenVerifier | undefined;
  },
): Promise<LocalComposition> {
  const observability = await createObservability(config);
  const { storage, requestLines } = inputs;
  const auth = inputs.verifier ? { verifier: inputs.verifier } : await createAuth(config);
  const realtime = buildRealtime(config, storage);
  const lines = requestLines ? { requestLines } : {};
  const api = await assembleApi(config, storage, observability, auth, requestLines);
  return {
    api,
    websocket: { ...observability, realtime, verifier: auth.verifier },
    commentStream: {
      ...observability,
      ...afterWriteDeps({ realtime, storage, images: api.uploads, logger: observability.logger }),
    },
    broadcast: {
      ...observability,
      ...lines,
      config,
      realtime,
      broadcastGuard: await broadcastGuardFor(config),
    },
  };
}
