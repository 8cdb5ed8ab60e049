import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  correlationIdOf,
  storageChangeOf,
  UndecodableRecordError,
} from '../adapters/dynamodb/stream-changes.js';
import { type ChangeProcessorDeps, createChangeProcessor, isTransient } from './change-processor.js';

export type CommentStreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * The main table's stream function: each change in a batch goes to the change processor (comment changes
 * pushed to the post's subscribers, a deleted post swept, a rename copied). Push failures
 * are counted, not retried here (a reader missing one frame refetches). A record that fails for a reason
 * that may pass (storage unavailable) stops the batch and is reported, so Lambda retries from it and order
 * is kept; a record that can never succeed (undecodable, or a failure no retry can fix) is logged whole
 * and parked at once, so it does not hold up every later record of its shard until it expires.
 */
export function createCommentStreamHandler(deps: ChangeProcessorDeps): CommentStreamHandler {
  const process = createChangeProcessor(deps);
  return async (event) => {
    for (const record of event.Records) {
      try {
        const change = storageChangeOf(record);
        if (!change) continue;
        await process(change, {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          correlationId: correlationIdOf(record),
        });
      } catch (error) {
        if (!isTransient(error)) {
          park(record, error, deps);
          continue;
        }
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

/** The record, whole, in the log (where an operator can replay it) and counted, then skipped. */
function park(
  record: DynamoDBRecord,
  error: unknown,
  deps: { logger: Logger; metrics?: Metrics | undefined },
): void {
  deps.logger.error('stream record parked: it can never be processed, so it is not retried', {
    error,
    reason: error instanceof UndecodableRecordError ? 'undecodable' : 'failed',
    eventID: record.eventID,
    sequenceNumber: record.dynamodb?.SequenceNumber,
    record,
  });
  deps.metrics?.addMetric('StreamRecordsParked', MetricUnit.Count, 1);
  deps.metrics?.publishStoredMetrics();
}
