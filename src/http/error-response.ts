import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../domain/shared/errors.js';

/**
 * The domain's error codes, and those only HTTP has: a path served, but not for the method asked; request
 * headers past the server's limit (answered before the app runs, src/local/client-errors.ts).
 */
export type AnswerCode = ErrorCode | 'method_not_allowed' | 'headers_too_large';

/** The contract's status for each error code: the single mapping from domain errors to HTTP. */
export const statusOf: Record<AnswerCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  headers_too_large: 431,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const codeOfStatus = new Map(Object.entries(statusOf).map(([code, status]) => [status, code as AnswerCode]));

export function codeForStatus(status: number): AnswerCode {
  return codeOfStatus.get(status as ContentfulStatusCode) ?? (status >= 500 ? 'internal' : 'bad_request');
}

/** Seconds a client should wait before retrying a 429 or 503. */
export const RETRY_AFTER_SECONDS = 2;

export function errorResponse(c: Context, code: AnswerCode, message: string, details?: unknown): Response {
  const status = statusOf[code];
  if (status === 429 || status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  return c.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);
}
