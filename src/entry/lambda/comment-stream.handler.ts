/**
 * Lambda entry for the broadcaster: the main table's DynamoDB stream, in batches, with partial-batch
 * failure reporting (the event source mapping sets ReportBatchItemFailures and bisects on error).
 */
import { createCommentStreamHandler } from '../../stream/comment-stream-handler.js';
import { composeRealtime } from './realtime-deps.js';
import { withLambdaContext } from './with-lambda-context.js';

const deps = await composeRealtime();

export const handler = withLambdaContext(
  deps.logger,
  createCommentStreamHandler({ realtime: deps.realtime, logger: deps.logger, metrics: deps.metrics }),
);
