import type { Config } from '../config/config.js';
import type { Storage } from '../domain/storage.js';
import type { RequestLine } from '../http/middleware/request-log.js';
import { broadcastGuardFor, buildRealtime } from './build-realtime.js';
import { assembleApi } from './compose-api.js';
import type { LocalComposition } from './compositions.js';
import { createAuth } from './create-auth.js';
import { createObservability } from './observability.js';

/**
 * Every function of the stack in one process, as `make local` runs them: one storage (the local stack's,
 * which feeds the comment stream), one realtime service, one verifier, one logger.
 */
export async function composeLocal(
  config: Config,
  inputs: { storage: Storage; requestLines?: RequestLine },
): Promise<LocalComposition> {
  const observability = await createObservability(config);
  const { storage, requestLines } = inputs;
  const auth = await createAuth(config);
  const realtime = buildRealtime(config, storage, observability.tracer);
  const lines = requestLines ? { requestLines } : {};
  return {
    api: await assembleApi(config, storage, observability, auth, requestLines),
    websocket: { ...observability, realtime, verifier: auth.verifier },
    commentStream: { ...observability, realtime },
    broadcast: {
      ...observability,
      ...lines,
      config,
      realtime,
      broadcastGuard: await broadcastGuardFor(config),
    },
  };
}
