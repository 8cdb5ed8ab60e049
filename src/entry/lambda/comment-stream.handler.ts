/**
 * Lambda entry for the broadcaster: the main table's DynamoDB stream, in batches, with partial-batch
 * failure reporting (the event source mapping sets ReportBatchItemFailures and bisects on error).
 */
import { composeCommentStream } from '../../composition/compose-comment-stream.js';
import { loadConfig } from '../../config/config.js';
import { createCommentStreamHandler } from '../../stream/comment-stream-handler.js';
import { instrument } from './instrument.js';

const deps = await composeCommentStream(loadConfig());

export const handler = instrument(deps, createCommentStreamHandler(deps));
