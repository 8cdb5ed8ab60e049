/**
 * Errors of the domain. Each carries the contract's stable `code`; the HTTP layer maps codes to statuses
 * in one place, so a new error never needs a new branch there.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_error'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.details !== undefined) this.details = options.details;
  }
}

export class BadRequestError extends DomainError {
  readonly code = 'bad_request';
}
export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}
export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition_failed';
}
export class ValidationError extends DomainError {
  readonly code = 'validation_error';
  declare readonly details: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
    super(message, { details: issues });
  }
}
/** Storage or another dependency cannot be reached; the caller should retry after a pause. */
export class UnavailableError extends DomainError {
  readonly code = 'unavailable';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported_media_type';
}

/** Raised wherever a post is looked up: by posts, comments and favorites, and by their repositories. */
export function postNotFound(id: string): NotFoundError {
  return new NotFoundError(`No post with id ${JSON.stringify(id)}.`);
}

/** An Idempotency-Key replayed with a different body: a client bug, never retried. */
export function idempotencyMismatch(): ValidationError {
  return new ValidationError('This Idempotency-Key was already used with a different request body.', [
    { field: 'Idempotency-Key', message: 'reuse a key only to retry the same request' },
  ]);
}
