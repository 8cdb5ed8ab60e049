import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { StorageChange } from '../domain/changes/storage-change.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { reportFanOut } from '../observability/fan-out-report.js';

/** Where a change came from, for the logs. */
export interface ChangeContext {
  sequenceNumber?: string | undefined;
  correlationId?: string | undefined;
}

export type ChangeProcessor = (change: StorageChange, context?: ChangeContext) => Promise<void>;

/** What work after a write needs; a function given no service for a kind of change ignores it. */
export interface ChangeProcessorDeps {
  realtime: RealtimeService;
  /** Sweeps a deleted post's comments, favorites and image. */
  sweepPost?: (change: Extract<StorageChange, { type: 'post.deleted' }>) => Promise<unknown>;
  /** Copies a new display name to the user's posts and comments. */
  renameAuthor?: (change: Extract<StorageChange, { type: 'profile.renamed' }>) => Promise<unknown>;
  logger: Logger;
  metrics?: Metrics | undefined;
}

/**
 * One committed change, handled: comment changes pushed to the post's readers, a deleted post's remains
 * swept, a rename copied. The table's stream (in AWS and on the embedded DynamoDB) and the memory
 * provider's change feed both end here, so every provider behaves the same after a write.
 */
export function createChangeProcessor(deps: ChangeProcessorDeps): ChangeProcessor {
  return async (change, context = {}) => {
    switch (change.type) {
      case 'comment.created':
      case 'comment.deleted': {
        const result = await deps.realtime.publish(change);
        reportFanOut(result, { event: change.type, ...context }, deps.logger, deps.metrics);
        return;
      }
      case 'post.deleted':
        await deps.sweepPost?.(change);
        return;
      case 'profile.renamed':
        await deps.renameAuthor?.(change);
        return;
    }
  };
}
