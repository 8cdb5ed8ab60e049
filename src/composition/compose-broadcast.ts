import type { Config } from '../config/config.js';
import { broadcastGuardFor, buildRealtime } from './build-realtime.js';
import type { BroadcastComposition } from './compositions.js';
import { createStorage } from './create-storage.js';
import { createObservability } from './observability.js';

/** The broadcast function: the realtime service and the guard of its one route. */
export async function composeBroadcast(config: Config): Promise<BroadcastComposition> {
  const observability = await createObservability(config);
  const storage = await createStorage(config.repository, observability.tracer);
  return {
    ...observability,
    config,
    realtime: buildRealtime(config, storage, observability.tracer),
    broadcastGuard: await broadcastGuardFor(config),
  };
}
