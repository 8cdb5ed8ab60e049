import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HttpEnv } from '../http-env.js';

export type CorsOptions = NonNullable<Parameters<typeof cors>[0]> & { origin: string | string[] };

/** CORS as Hono's `cors` answers it: its own preflight, and the headers of every other answer by origin. */
export interface CorsAnswers {
  /** Hono's own middleware, for OPTIONS requests. */
  preflight: MiddlewareHandler<HttpEnv>;
  /**
   * The headers (lower-case names) any other answer to a request from `origin` carries; the same list
   * object for every request from the same allowed origin, and one list for all others.
   */
  headersFor(origin: string | undefined): readonly [string, string][];
}

/**
 * CORS without Hono's cost on every request: Hono's reads `c.res` before the handler and calls `c.header`
 * after it, and each makes @hono/node-server turn its lightweight response into a full undici Response
 * whose body is then streamed (and the Lambda adapter copy one), which was most of a warm GET. The lists
 * are worked out once from the options, so the shell gathers them with the other headers of the answer.
 */
export function corsAnswers(options: CorsOptions): CorsAnswers {
  if (options.credentials) throw new Error('corsAnswers does not send credentials; add it here first.');
  const anyOrigin = options.origin === '*';
  const expose = options.exposeHeaders?.length ? options.exposeHeaders.join(',') : undefined;
  const listFor = (allowOrigin: string | undefined): [string, string][] => [
    ...(allowOrigin ? [['access-control-allow-origin', allowOrigin] as [string, string]] : []),
    ...(expose ? [['access-control-expose-headers', expose] as [string, string]] : []),
    ...(anyOrigin ? [] : [['vary', 'Origin'] as [string, string]]),
  ];
  const byOrigin = new Map(
    (typeof options.origin === 'string' ? [options.origin] : options.origin).map((origin) => [
      origin,
      listFor(origin),
    ]),
  );
  const otherOrigins = listFor(undefined);
  const everyOrigin = byOrigin.get('*');
  return {
    preflight: cors(options),
    headersFor: (origin) =>
      everyOrigin ?? (origin === undefined ? otherOrigins : (byOrigin.get(origin) ?? otherOrigins)),
  };
}
