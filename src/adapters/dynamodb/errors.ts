import { UnavailableError } from '../../domain/shared/errors.js';

/** Failures that say "DynamoDB cannot answer right now" rather than "your request is wrong". */
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

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Whether `error` means storage is unreachable or overloaded (so the caller should retry later). */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, $metadata } = error as SdkErrorShape;
  if (name && UNAVAILABLE_NAMES.has(name)) return true;
  if (code && NETWORK_CODES.has(code)) return true;
  return ($metadata?.httpStatusCode ?? 0) >= 500;
}

/** Translates at the boundary: unavailability becomes UnavailableError (with the cause); the rest is rethrown. */
export function translateError(error: unknown): unknown {
  return isUnavailable(error)
    ? new UnavailableError('Storage is not answering right now; retry in a moment.', { cause: error })
    : error;
}

/** Runs one storage call, translating its failure. */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateError(error);
  }
}

export function isConditionFailed(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === 'ConditionalCheckFailedException';
}
