import * as z from 'zod/mini';
import { MAX_USER_ID_LENGTH } from '../../domain/auth/actor.js';
import { isEncodable } from '../../domain/shared/key-segment.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../domain/shared/page.js';
import type { ResponseDoc } from '../routes/api-route.js';
import { documented } from './api-docs.js';

export const errorSchema = documented(
  z.object({
    error: z.object({
      code: documented(z.string(), { example: 'not_found' }),
      message: z.string(),
      details: z.optional(z.unknown()),
    }),
  }),
  { id: 'Error' },
);

/** One message for every way a limit can be wrong: "expected number, received NaN" tells a caller nothing. */
const LIMIT_RULE = { error: `Must be a whole number from 1 to ${MAX_PAGE_LIMIT}, in decimal digits` };

/**
 * A limit written in decimal digits, as a number; anything else is left as it came, for the number schema
 * to refuse. Not z.coerce.number, whose Number() takes `0x10`, `1e1`, `+1` and ` 5`.
 */
const decimalDigits = z.transform((value: unknown) =>
  typeof value === 'string' && /^[0-9]{1,400}$/.test(value) ? Number(value) : value,
);

/**
 * A cursor that is not one non-empty string of a cursor's length (empty, repeated, far too long) becomes
 * one no codec issued, so the list refuses it as any bad cursor: 400 bad_request, as the contract says, not
 * a field to fix (422).
 */
const asCursor = z.transform((value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : '(not a cursor)',
);

export const listQuery = z.object({
  limit: documented(
    z._default(
      z.pipe(
        decimalDigits,
        // The maximum first, and final: a huge limit is one issue, not also "not a safe integer".
        z
          .number(LIMIT_RULE)
          .check(
            z.maximum(MAX_PAGE_LIMIT, { ...LIMIT_RULE, abort: true }),
            z.int(LIMIT_RULE),
            z.minimum(1, LIMIT_RULE),
          ),
      ),
      DEFAULT_PAGE_LIMIT,
    ),
    { description: `how many items, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})`, example: 20 },
  ),
  cursor: documented(z.optional(z.pipe(asCursor, z.string())), {
    description: 'nextCursor of the previous page, unchanged',
  }),
});

/** A whole number in an answer (answers are not validated: this is what the document says of them). */
export const integer = () => z.number().check(z.int());

export function pageOf<T extends z.ZodMiniType>(item: T, name: string) {
  return documented(z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) }), { id: name });
}

/**
 * Ids are opaque to clients, but bounded so a path can never carry megabytes into a storage key. In a path
 * an id that breaks these rules names nothing: the request validator answers it 404, as for an absent one.
 */
export const idParam = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'an id'));

/**
 * A user id as a parameter (`?author=`): whatever subject a token may carry (see MAX_USER_ID_LENGTH), so
 * every user who can post can be named. Storage takes any such text in its keys.
 */
export const userIdParam = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(MAX_USER_ID_LENGTH),
    z.refine(isEncodable, 'must be valid Unicode text (it holds half a character)'),
  );

export const idempotencyHeaders = z.object({
  'idempotency-key': documented(
    z.optional(
      z
        .string()
        .check(z.minLength(1), z.maxLength(255), z.regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')),
    ),
    { description: 'Retry-safe creation: the same key and body within 24 h return the first answer.' },
  ),
});

/**
 * Each error status of the contract: what it means on this API (what the caller does next) and an example
 * body. Routes list the statuses they can answer; every route can also be throttled (429).
 */
const ERROR_STATUSES = {
  400: {
    code: 'bad_request',
    meaning:
      'Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request.',
    message: 'The request body is not valid JSON.',
  },
  401: {
    code: 'unauthorized',
    meaning:
      'No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again.',
    message: 'Sign in: this route needs "Authorization: Bearer <token>".',
  },
  403: {
    code: 'forbidden',
    meaning: 'Signed in, but not allowed: only the author may change or delete this.',
    message: 'Only the author can change this post.',
  },
  404: {
    code: 'not_found',
    meaning: 'No such resource (or it was deleted).',
    message: 'No post with id "01J…".',
  },
  409: {
    code: 'conflict',
    meaning:
      'A write that collides: a new resource with an existing one (retry with the same Idempotency-Key), or an edit with more simultaneous edits of the same post than are retried (retry it).',
    message: 'A post with id "01J…" already exists.',
  },
  412: {
    code: 'precondition_failed',
    meaning: 'If-Match does not name the current version: GET the resource again and retry with its ETag.',
    message: 'Post "01J…" changed since you read it; fetch it again and retry with its new ETag.',
  },
  413: {
    code: 'payload_too_large',
    meaning: 'Request bodies are limited to 64 KiB.',
    message: 'Request bodies are limited to 65536 bytes.',
  },
  415: {
    code: 'unsupported_media_type',
    meaning: 'The body must be JSON: send Content-Type: application/json.',
    message: 'Send the request body as JSON (Content-Type: application/json).',
  },
  422: {
    code: 'validation_error',
    meaning: 'Fields break the rules: `details` names each field and what is wrong with it.',
    message: 'The request has invalid fields.',
    details: [{ field: 'title', message: 'must be 1–200 characters' }],
  },
  429: {
    code: 'rate_limited',
    meaning:
      'Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.)',
    message: 'Too many requests; retry after a pause.',
  },
  503: {
    code: 'unavailable',
    meaning: 'Storage cannot be reached for the moment: retry after Retry-After seconds.',
    message: 'The service is unavailable; retry shortly.',
  },
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' as const } },
};

/** The routes' error responses, in the contract's error shape, with an example each; 429 is always among them. */
export function errorResponses(...statuses: ErrorStatus[]): Partial<Record<ErrorStatus, ResponseDoc>> {
  const all: Partial<Record<ErrorStatus, ResponseDoc>> = {};
  for (const status of [...new Set<ErrorStatus>([...statuses, 429])].sort()) {
    const { code, meaning, message, ...rest } = ERROR_STATUSES[status];
    all[status] = {
      description: meaning,
      ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
      content: {
        'application/json': { schema: errorSchema, example: { error: { code, message, ...rest } } },
      },
    };
  }
  return all;
}

export const json = (schema: z.ZodMiniType, description: string): ResponseDoc => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearer: [] }];
