import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { carriesGatheredHeaders, gatherHeader } from '../answer-headers.js';
import type { HttpEnv } from '../http-env.js';

/** Ids we echo must be safe to put in headers and logs: no spaces, quotes or control characters. */
const SANE_ID = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

/** The caller's x-request-id (or x-correlation-id) when it is sane enough to echo, else undefined. */
export function givenRequestId(header: (name: string) => string | undefined): string | undefined {
  return [header('x-request-id'), header('x-correlation-id')].find(
    (value) => value !== undefined && SANE_ID.test(value),
  );
}

/**
 * Echoes the caller's x-request-id (or x-correlation-id) when sane, else mints one; sets the response header.
 * Whatever needs the id beneath the request is handed it (`c.get('requestId')`), not given it through
 * AsyncLocalStorage, whose hooks would tax every promise of every request.
 */
export function requestId(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const id = givenRequestId((name) => c.req.header(name)) ?? randomUUID();
    c.set('requestId', id);
    gatherHeader(c, 'x-request-id', id);
    await next();
    if (!carriesGatheredHeaders(c.res)) c.res.headers.set('x-request-id', id);
  };
}
