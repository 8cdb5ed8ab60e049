import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../error-response.js';
import type { HttpEnv } from '../http-env.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** A request that sends a body must send JSON: anything else is 415 before a validator guesses at it. */
export function jsonOnly(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const hasBody = c.req.header('content-length') !== undefined && c.req.header('content-length') !== '0';
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type');
    if (
      (hasBody || chunked || type !== undefined) &&
      !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(c.req.method)
    ) {
      if (!type || !JSON_TYPE.test(type)) {
        return errorResponse(
          c,
          'unsupported_media_type',
          'Send the request body as JSON (Content-Type: application/json).',
        );
      }
    }
    await next();
  };
}
