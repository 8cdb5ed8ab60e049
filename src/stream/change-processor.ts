import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { StorageChange } from '../domain/changes/storage-change.js';
import type { PostSweepService } from '../domain/posts/post-sweep.service.js';
import type { AuthorRenameService } from '../domain/profiles/author-rename.service.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { UnavailableError } from '../domain/shared/errors.js';
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
  sweeper?: PostSweepService | undefined;
  /** Copies a new display name to the user's posts and comments. */
  renamer?: AuthorRenameService | undefined;
  logger: Logger;
  metrics?: Metrics | undefined;
}

/**
 * One committed change, handled: comment changes pushed to the post's readers, a deleted post's remains
 * swept and its readers told (once, as `post.deleted`), a rename copied. The table's stream (in AWS and on
 * the embedded DynamoDB) and the memory provider's change feed both end here, so every provider behaves the
 * same after a write.
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
      case 'post.deleted': {
        if (deps.sweeper) {
          await deps.sweeper.sweep(change.post);
          deps.logger.info('deleted post swept', { postId: change.post.id, ...context });
        }
        // After the sweep: a reader told the post is gone finds nothing of it left. The sweep's own comment
        // removals come after this change, when the subscriptions are gone, so they push nothing.
        const result = await deps.realtime.postDeleted(change.post.id);
        reportFanOut(
          result,
          { event: change.type, postId: change.post.id, ...context },
          deps.logger,
          deps.metrics,
        );
        return;
      }
      case 'profile.renamed':
        if (!deps.renamer) return;
        await deps.renamer.rename(change.userId, change.displayName);
        deps.logger.info('author name copied to posts and comments', { userId: change.userId, ...context });
        return;
    }
  };
}

/** Only storage or the push API being unavailable can pass with time; anything else fails every retry. */
export function isTransient(error: unknown): boolean {
  return error instanceof UnavailableError;
}
