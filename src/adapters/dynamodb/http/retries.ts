import { isThrottlingError } from '../../aws/throttling.js';

/**
 * The SDK's standard retry mode as the installed SDK runs it for DynamoDB (@smithy/core 3.41's
 * StandardRetryStrategy with client-dynamodb's settings): throttling errors and transient ones (5xx,
 * timeouts, resets, refused connections) are retried, a client error (4xx) never; the delay before retry n
 * (from 0) is a random share of min(base × 2ⁿ, 20 s) ("full jitter"), the base 25 ms, or 1 s after a throttle;
 * and a client-wide retry quota (500 tokens, 14 per transient retry, 5 per throttled one, given back on
 * success) stops retries when most calls are failing, so an outage is not made worse. (The classic
 * standard mode's 100 ms base is what older SDKs used.)
 *
 * Left out of the SDK's mode: the Retry-After hint (DynamoDB does not send one), clock-skew correction
 * (Lambda's clock is kept by AWS; a skewed laptop fails loudly with InvalidSignatureException), the
 * amz-sdk-invocation-id / amz-sdk-request headers (informational only) and the adaptive mode's rate limiter
 * (not configured today).
 */
export type RetryKind = 'throttling' | 'transient' | 'none';

const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface Classified {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Whether, and how, a failed attempt may be retried. */
export function retryKindOf(error: unknown): RetryKind {
  if (!error || typeof error !== 'object') return 'none';
  const { name = '', code = '', message = '', $metadata } = error as Classified;
  if (name === 'AbortError') return 'none';
  const status = $metadata?.httpStatusCode ?? 0;
  if (isThrottlingError({ name, $metadata })) return 'throttling';
  if (
    TRANSIENT_NAMES.has(name) ||
    TRANSIENT_CODES.has(code) ||
    TRANSIENT_STATUSES.has(status) ||
    (name === 'InvalidSignatureException' && message.includes('Signature expired'))
  ) {
    return 'transient';
  }
  return 'none';
}

const BASE_DELAY_MS = 25;
const THROTTLING_BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 20_000;

/** How long to wait before retry number `retry` (0 for the first), after a failure of `kind`. */
export function retryDelay(kind: RetryKind, retry: number, random: () => number = Math.random): number {
  const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(base * 2 ** retry, MAX_DELAY_MS));
}

const QUOTA = 500;
const RETRY_COST = 14;
const THROTTLING_RETRY_COST = 5;
const SUCCESS_REFUND = 1;

/** The tokens a client spends on retries and earns back with successes. */
export class RetryQuota {
  private tokens = QUOTA;

  /** Takes a retry's cost, or answers undefined when the quota cannot pay for it (then do not retry). */
  take(kind: RetryKind): number | undefined {
    const cost = kind === 'throttling' ? THROTTLING_RETRY_COST : RETRY_COST;
    if (this.tokens < cost) return undefined;
    this.tokens -= cost;
    return cost;
  }

  /** A call succeeded: its last retry's cost comes back, or one token when it needed none. */
  release(cost: number | undefined): void {
    this.tokens = Math.min(QUOTA, this.tokens + (cost ?? SUCCESS_REFUND));
  }
}
