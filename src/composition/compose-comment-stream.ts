import type { Config } from '../config/config.js';
import { buildRealtime } from './build-realtime.js';
import type { CommentStreamComposition } from './compositions.js';
import { createStorage } from './create-storage.js';
import { createObservability } from './observability.js';

/** The comment-stream function: only the realtime service the broadcaster pushes through. */
export async function composeCommentStream(config: Config): Promise<CommentStreamComposition> {
  const observability = await createObservability(config);
  const storage = await createStorage(config.repository, observability.tracer);
  return { ...observability, realtime: buildRealtime(config, storage, observability.tracer) };
}
