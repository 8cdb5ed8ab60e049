/** The names AWS services give a throttled call (the SDK's own list, @smithy/service-error-classification). */
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'SlowDown',
]);

/** Whether an AWS call failed because the service throttled it: a 429, or a throttling error's name. */
export function isThrottlingError(error: {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}): boolean {
  return error.$metadata?.httpStatusCode === 429 || THROTTLING_NAMES.has(error.name ?? '');
}
