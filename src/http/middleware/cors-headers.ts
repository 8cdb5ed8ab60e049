import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { carriesGatheredHeaders, gatherHeader } from '../answer-headers.js';
import type { HttpEnv } from '../http-env.js';

type CorsOptions = NonNullable<Parameters<typeof cors>[0]> & { origin: string | string[] };

/**
 * CORS as Hono's `cors` answers it, without its cost on every request: Hono's reads `c.res` before the
 * handler and calls `c.header` after it, and each makes @hono/node-server turn its lightweight response
 * into a full undici Response whose body is then streamed (and the Lambda adapter copy one), which was most
 * of a warm GET. Preflights are Hono's own; every other answer gets the same headers written once onto the
 * final response's own Headers.
 */
export function corsHeaders(options: CorsOptions): MiddlewareHandler<HttpEnv> {
  const preflight = cors(options);
  const anyOrigin = options.origin === '*';
  const allowed = new Set(typeof options.origin === 'string' ? [options.origin] : options.origin);
  const expose = options.exposeHeaders?.length ? options.exposeHeaders.join(',') : undefined;
  if (options.credentials) throw new Error('corsHeaders does not send credentials; add it here first.');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    const allowOrigin = anyOrigin ? '*' : allowed.has(origin) ? origin : undefined;
    if (allowOrigin) gatherHeader(c, 'access-control-allow-origin', allowOrigin);
    if (expose) gatherHeader(c, 'access-control-expose-headers', expose);
    if (!anyOrigin) gatherHeader(c, 'vary', 'Origin');
    await next();
    if (carriesGatheredHeaders(c.res)) return;
    const headers = c.res.headers;
    if (allowOrigin) headers.set('Access-Control-Allow-Origin', allowOrigin);
    if (expose) headers.set('Access-Control-Expose-Headers', expose);
    if (!anyOrigin) headers.append('Vary', 'Origin');
  };
}
