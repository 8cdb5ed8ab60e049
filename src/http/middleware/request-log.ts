import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareHandler } from 'hono';
import { withKeys } from '../../observability/log.js';
import type { HttpEnv } from '../http-env.js';

/** Gives the request a logger carrying its id, and logs one access line when the response is ready. */
export function requestLog(root: Logger): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = withKeys(root, { requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
