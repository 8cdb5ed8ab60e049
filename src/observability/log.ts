import type { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';

/** The part of Powertools' Logger that request handling uses; the root Logger is one. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * A log that adds `keys` to every line. Cheaper than a Powertools child logger per request, which
 * deep-merges the root's whole configuration each time, and one object per request rather than a closure
 * per level: both are measurable on every warm request.
 */
export function withKeys(root: Log, keys: LogAttributes): Log {
  return new KeyedLog(root, keys);
}

class KeyedLog implements Log {
  constructor(
    private readonly root: Log,
    private readonly keys: LogAttributes,
  ) {}

  debug(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.root.debug(input, this.keys, ...(extra as LogAttributes[]));
  }
  info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.root.info(input, this.keys, ...(extra as LogAttributes[]));
  }
  warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.root.warn(input, this.keys, ...(extra as LogAttributes[]));
  }
  error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.root.error(input, this.keys, ...(extra as LogAttributes[]));
  }
}
