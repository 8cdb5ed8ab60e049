/** What the SDK puts in `$metadata` of every output and every error. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

/**
 * A failure DynamoDB answered with, shaped as the SDK's service exceptions are: `name` the error type,
 * `$fault`, `$metadata`, the raw `__type`, and the error's own members (`Item`, `CancellationReasons`...) as
 * DynamoDB sent them, so src/adapters/aws/sdk-errors.ts and the repositories read it as they read the SDK's.
 */
export class DynamoDbServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: ResponseMetadata;
  [member: string]: unknown;

  constructor(name: string, message: string, status: number, members: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status };
    Object.assign(this, members);
  }
}

/**
 * The error an answer other than 200 stands for, from its parsed body (empty when it was not JSON, as a proxy's
 * page is); its type is read as the SDK's JSON protocols read it.
 */
export function answerError(
  status: number,
  headers: Record<string, unknown>,
  parsed: Record<string, unknown>,
): DynamoDbServiceError {
  const { message, Message, ...members } = parsed;
  const rawType = headers['x-amzn-errortype'] ?? parsed.__type;
  const text = message ?? Message;
  return new DynamoDbServiceError(
    typeof rawType === 'string' ? errorName(rawType) : 'UnknownError',
    typeof text === 'string' ? text : `DynamoDB answered HTTP ${status}`,
    status,
    members,
  );
}

/** `com.amazonaws.dynamodb.v20120810#ThrottlingException:http://...` → `ThrottlingException`, as the SDK cuts it. */
function errorName(raw: string): string {
  let name = raw;
  if (name.includes(',')) name = name.split(',')[0] as string;
  if (name.includes(':')) name = name.split(':')[0] as string;
  if (name.includes('#')) name = name.split('#')[1] as string;
  return name;
}

/** The SDK names these transport failures TimeoutError (keeping their `code`), and retries them as transient. */
const TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** A socket's failure as the SDK's handler throws it: `code` kept (ECONNREFUSED...), resets named TimeoutError. */
export function transportError(error: Error & { code?: string }): Error {
  if (error.code && TIMEOUT_CODES.has(error.code)) error.name = 'TimeoutError';
  return error;
}

export function timeoutError(message: string, code?: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError', ...(code ? { code } : {}) });
}

/** The SDK's AbortError: the signal's reason as its cause when it is an error, else as its message. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) {
    return Object.assign(new Error('Request aborted', { cause: reason }), { name: 'AbortError' });
  }
  return Object.assign(new Error(reason ? String(reason) : 'Request aborted'), { name: 'AbortError' });
}
