import type { MiddlewareHandler } from 'hono';
import { foreignCharset } from '../body-charset.js';
import { errorResponse } from '../error-response.js';
import type { HttpEnv } from '../http-env.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A request that sends a body must send JSON, uncompressed, in UTF-8: anything else is 415 before a
 * validator guesses at it.
 */
export function jsonOnly(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const hasBody = c.req.header('content-length') !== undefined && c.req.header('content-length') !== '0';
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type');
    if (
      (hasBody || chunked || type !== undefined) &&
      !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(c.req.method)
    ) {
      const coding = c.req.header('content-encoding')?.trim();
      // Bodies are read as they come: a compressed one would be parsed as bytes of JSON, and fail as malformed.
      if (coding && coding.toLowerCase() !== 'identity') {
        // RFC 7694: a 415 for a content coding says which codings are taken.
        c.header('Accept-Encoding', 'identity');
        return errorResponse(
          c,
          'unsupported_media_type',
          `Request bodies are taken unencoded, not with Content-Encoding ${JSON.stringify(coding.slice(0, 100))}: send the JSON as it is, without Content-Encoding.`,
        );
      }
      if (!type || !JSON_TYPE.test(type)) {
        return errorResponse(
          c,
          'unsupported_media_type',
          'Send the request body as JSON (Content-Type: application/json).',
        );
      }
      const charset = foreignCharset(type);
      if (charset !== undefined) {
        return errorResponse(
          c,
          'unsupported_media_type',
          `Request bodies are taken in UTF-8 only, not charset ${JSON.stringify(charset.slice(0, 100))}: send the JSON as UTF-8 (Content-Type: application/json, or application/json; charset=utf-8).`,
        );
      }
    }
    await next();
  };
}
