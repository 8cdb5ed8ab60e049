/**
 * Lambda entry for the broadcaster: the main table's DynamoDB stream, in batches, with partial-batch
 * failure reporting (the event source mapping sets ReportBatchItemFailures and bisects on error).
 */
import { createCommentStreamHandler } from '../../stream/comment-stream-handler.js';
import { instrument } from './instrument.js';
import { composeRealtime } from './realtime-deps.js';

const deps = await composeRealtime();

export const handler = instrument(
  deps,
  createCommentStreamHandler({ realtime: deps.realtime, logger: deps.logger, metrics: deps.metrics }),
);
