import type { LocalImageStore } from '../adapters/local-disk/local-image-store.js';

/**
 * Plays the uploads bucket's lifecycle rule for the local stack: pending uploads older than `maxAgeMs` are
 * deleted, checked at start and then every quarter of that age (at most hourly), so a laptop's disk does
 * not fill with abandoned uploads. Returns the function that stops it (and waits for a sweep under way).
 */
export function expirePendingUploads(
  store: Pick<LocalImageStore, 'expirePending'>,
  maxAgeMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    // One sweep at a time: a slow disk must not stack them up.
    running = running.then(() => store.expirePending(maxAgeMs).then(() => undefined, onError));
  };
  const everyMs = Math.min(Math.max(Math.floor(maxAgeMs / 4), 100), 60 * 60 * 1000);
  const timer = setInterval(sweep, everyMs);
  // A sweep is housekeeping: it must not keep a process alive that has nothing else to do.
  timer.unref();
  sweep();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
