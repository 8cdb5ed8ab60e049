import type { Config } from '../config/config.js';
import { buildRealtime } from './build-realtime.js';
import type { WebSocketComposition } from './compositions.js';
import { createAuth } from './create-auth.js';
import { createStorage } from './create-storage.js';
import { createObservability } from './observability.js';

/** The WebSocket function: the realtime service on the connections table, and the token verifier. */
export async function composeWebSocket(config: Config): Promise<WebSocketComposition> {
  const observability = await createObservability(config);
  const storage = await createStorage(config.repository, observability.tracer);
  const { verifier } = await createAuth(config, observability.tracer);
  return { ...observability, realtime: buildRealtime(config, storage, observability.tracer), verifier };
}
