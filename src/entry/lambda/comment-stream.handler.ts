/**
 * Lambda entry for the main table's DynamoDB stream: comment pushes, deleted posts' sweeps and renames, in
 * batches, with partial-batch failure reporting (the event source mapping sets ReportBatchItemFailures and
 * bisects on error).
 */
import { afterWriteDeps } from '../../stream/after-write.js';
import { createCommentStreamHandler } from '../../stream/comment-stream-handler.js';
import { instrument } from './instrument.js';
import { composeRealtime } from './realtime-deps.js';

const deps = await composeRealtime();

export const handler = instrument(
  deps,
  createCommentStreamHandler(
    afterWriteDeps({
      realtime: deps.realtime,
      storage: deps.storage,
      images: deps.uploads,
      logger: deps.logger,
      metrics: deps.metrics,
    }),
  ),
);
