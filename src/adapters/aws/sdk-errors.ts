import { UnavailableError } from '../../domain/shared/errors.js';

/**
 * How AWS SDK v3 failures read, for every adapter over an AWS service (DynamoDB, S3): a failure that means
 * "retry later" becomes the domain's UnavailableError (503 + Retry-After); anything else is a bug or a
 * misconfiguration and is rethrown, so it is logged as one.
 */
/** Failures that say "the AWS service cannot answer right now" rather than "your request is wrong". */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TransactionInProgressException',
  // S3's throttling answer.
  'SlowDown',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Whether `error` means the service is unreachable or overloaded (so the caller should retry later). */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, $metadata } = error as SdkErrorShape;
  if (name && UNAVAILABLE_NAMES.has(name)) return true;
  if (code && NETWORK_CODES.has(code)) return true;
  return ($metadata?.httpStatusCode ?? 0) >= 500;
}

/** Unavailability becomes UnavailableError with `message` (and the cause); anything else is returned as is. */
export function translateSdkError(error: unknown, message: string): unknown {
  return isUnavailable(error) ? new UnavailableError(message, { cause: error }) : error;
}

/** Awaits one SDK call, translating its failure. */
export async function translated<T>(call: Promise<T>, message: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw translateSdkError(error, message);
  }
}
