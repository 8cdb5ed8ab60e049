import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '../../domain/shared/clock.js';

/** ULIDs: time-ordered, so storage can sort by id for newest-first feeds and oldest-first comments. */
export function ulidIds(): IdGenerator {
  const next = monotonicFactory();
  return { next: () => next() };
}
