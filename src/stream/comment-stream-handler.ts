import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { commentEventOf, correlationIdOf } from '../adapters/dynamodb/comment-stream-records.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { reportFanOut } from '../observability/fan-out-report.js';

export type CommentStreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * The broadcaster: pushes each comment change in a stream batch to the post's subscribers. Push failures
 * are counted, not retried here (a reader missing one frame refetches); a record that cannot be processed
 * at all stops the batch and is reported, so Lambda retries from it and order is kept.
 */
export function createCommentStreamHandler(deps: {
  realtime: RealtimeService;
  logger: Logger;
  metrics?: Metrics;
}): CommentStreamHandler {
  return async (event) => {
    for (const record of event.Records) {
      try {
        const change = commentEventOf(record);
        if (!change) continue;
        const result = await deps.realtime.publish(change);
        reportFanOut(
          result,
          {
            event: change.type,
            sequenceNumber: record.dynamodb?.SequenceNumber,
            correlationId: correlationIdOf(record),
          },
          deps.logger,
          deps.metrics,
        );
      } catch (error) {
        deps.logger.error('stream record failed; Lambda will retry from it', {
          error,
          eventID: record.eventID,
        });
        return {
          batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }],
        };
      }
    }
    return { batchItemFailures: [] };
  };
}
