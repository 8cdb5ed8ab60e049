import { UnavailableError } from '../../domain/shared/errors.js';
import { isUnavailable, type SdkErrorShape } from './sdk-errors.js';

export interface CircuitBreakerOptions {
  /** Consecutive outage failures (timeouts, refused connections) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses at once before letting one probe through (half-open). */
  openMs: number;
  /** The time, for tests; Date.now by default. */
  now?: () => number;
}

export const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 3, openMs: 5_000 };

/** Throttling and transaction conflicts mean the service answered: they never open the circuit. */
const ANSWERED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'SlowDown',
]);

/** A failure that says the service did not answer at all: a timeout, a dropped or refused connection, a 5xx. */
export function isOutage(error: unknown): boolean {
  return isUnavailable(error) && !ANSWERED.has((error as SdkErrorShape).name ?? '');
}

/**
 * Stops callers queueing behind a service that does not answer. Each call against a black-holed store
 * costs its full timeouts; after `failureThreshold` of them in a row the circuit opens and calls fail at
 * once with UnavailableError (503 + Retry-After) for `openMs`. Then one call probes (half-open): its
 * success closes the circuit, its failure opens it again. Calls the service answered, even with an
 * error, count as successes.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(
    private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER,
    private readonly message = 'Storage is not answering right now; retry in a moment.',
  ) {
    this.now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.failureThreshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) throw new UnavailableError(this.message);
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    try {
      const result = await call();
      this.failures = 0;
      return result;
    } catch (error) {
      if (!isOutage(error)) {
        this.failures = 0;
      } else if (++this.failures >= this.options.failureThreshold) {
        this.openUntil = this.now() + this.options.openMs;
      }
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }
}
