import type { ChangeFeed, StorageChange } from '../../domain/changes/storage-change.js';
import type { Log } from '../../observability/log.js';
import { type ChangeProcessor, isTransient } from '../../stream/change-processor.js';
import { type LocalStreamOptions, resolveStreamOptions } from './stream-options.js';

/**
 * The memory provider has no table stream, so its change feed is delivered here to the same change
 * processor the stream function runs: in commit order, off the request's path, a change that fails for a
 * reason that may pass retried with backoff (up to `maximumRetryAttempts`), one that never can logged and
 * skipped — the stream function's rules, one change at a time.
 */
export function deliverChangeFeed(deps: {
  feed: ChangeFeed;
  process: ChangeProcessor;
  logger: Pick<Log, 'error'>;
  options?: Partial<LocalStreamOptions>;
}): () => Promise<void> {
  const options = resolveStreamOptions(deps.options);
  let closed = false;
  let tail: Promise<void> = Promise.resolve();
  const deliver = async (change: StorageChange) => {
    for (let attempt = 1; !closed; attempt += 1) {
      try {
        await deps.process(change);
        return;
      } catch (error) {
        if (!isTransient(error) || attempt > options.maximumRetryAttempts) {
          deps.logger.error('change not processed: it is not retried any more', { error, change, attempt });
          return;
        }
        const delay = Math.min(options.retryBaseDelayMs * 2 ** (attempt - 1), options.retryMaxDelayMs);
        await new Promise((resume) => setTimeout(resume, delay));
      }
    }
  };
  const unsubscribe = deps.feed.subscribe((change) => {
    tail = tail.then(() => deliver(change));
  });
  return async () => {
    closed = true;
    unsubscribe();
    await tail;
  };
}
