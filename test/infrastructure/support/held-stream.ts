import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamRecorder } from '../../../src/local/stream/stream-recorder.js';
import type { CommentStreamHandler } from '../../../src/stream/comment-stream-handler.js';

/**
 * A table's stream records, held until `deliver()` hands them to the stream function as Lambda would: so a
 * test decides when the function sees them (a comment's removal after its post is gone, as a lagging
 * stream hands it over) and knows it has finished with them.
 */
export function heldStream(
  streams: Pick<StreamRecorder, 'subscribe'>,
  tableName: string,
  handler: CommentStreamHandler,
): { deliver(): Promise<void>; close(): void } {
  const held: DynamoDBRecord[] = [];
  const unsubscribe = streams.subscribe(tableName, (record) => held.push(record));
  return {
    async deliver() {
      // The function's own writes (a sweep's deletes) make records too: they go in the next round.
      for (let round = 0; held.length > 0; round++) {
        if (round > 10) throw new Error('the stream function keeps making records to deliver');
        const { batchItemFailures } = await handler({ Records: held.splice(0) });
        if (batchItemFailures.length > 0) throw new Error('the stream function failed a record');
      }
    },
    close: unsubscribe,
  };
}
