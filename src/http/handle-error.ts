import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, ValidationError } from '../domain/shared/errors.js';
import { answeredIssues } from './answered-issues.js';
import { codeForStatus, errorResponse } from './error-response.js';
import type { HttpEnv } from './http-env.js';

/**
 * Maps every thrown error to the contract's shape. Domain errors carry their code; Hono's own
 * (malformed JSON, method mismatches) their status; anything else is a logged 500 with nothing internal.
 */
export function handleError(error: Error, c: Context<HttpEnv>, fallbackLog: Logger): Response {
  if (error instanceof ValidationError) {
    return errorResponse(c, error.code, error.message, answeredIssues(error.details));
  }
  if (error instanceof DomainError) return errorResponse(c, error.code, error.message, error.details);
  if (error instanceof HTTPException && error.status < 500) {
    const code = codeForStatus(error.status);
    const message = code === 'bad_request' ? 'The request body is not valid JSON.' : error.message;
    return errorResponse(c, code, message);
  }
  (c.env?.scope?.log ?? fallbackLog).error('unhandled error', { error });
  return errorResponse(
    c,
    'internal',
    'Something went wrong on our side; retry later or report the request id.',
  );
}
