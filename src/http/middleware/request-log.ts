import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { MiddlewareHandler } from 'hono';
import { withKeys } from '../../observability/log.js';
import type { HttpEnv } from '../http-env.js';

/** One finished request, as the access log records it. */
export interface RequestSummary {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** The signed-in caller's user id; absent for anonymous requests. */
  user?: string;
}

/** Writes one finished request somewhere other than the JSON log (the local stack's terminal). */
export type RequestLine = (summary: RequestSummary) => void;

/**
 * Gives the request a logger carrying its id, and records one access line when the response is ready: a
 * JSON log entry (what CloudWatch Logs Insights queries in AWS), or, where a `line` writer is given, that
 * writer's line instead, so a terminal shows one readable line per request.
 */
export function requestLog(root: Logger, line?: RequestLine): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = withKeys(root, { requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    const user = c.get('profile')?.id;
    const summary: RequestSummary = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get('requestId'),
      ...(user ? { user } : {}),
    };
    if (line) return line(summary);
    // Powertools reads the X-Ray trace id from the environment for every line, even one it then drops for
    // its level; a line it would drop is not handed to it (our loggers buffer nothing below their level).
    if (root.level > LogLevelThreshold.INFO) return;
    const { requestId: _, ...fields } = summary;
    log.info('request', fields);
  };
}
