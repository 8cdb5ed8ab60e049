import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { getPath } from 'hono/utils/url';
import type { Exchange } from './exchange.js';

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

/** Records one finished request. */
export type AccessLog = (exchange: Exchange) => void;

/**
 * One access line per request when its answer is ready: a JSON log entry on the request's log (what
 * CloudWatch Logs Insights queries in AWS), or, where a `line` writer is given, that writer's line instead,
 * so a terminal shows one readable line per request.
 */
export function accessLog(root: Logger, line?: RequestLine): AccessLog {
  const summaryOf = ({ request, response, scope, startedMs }: Exchange): RequestSummary => {
    const user = scope.profile?.id;
    return {
      method: request.method,
      path: getPath(request),
      status: response.status,
      durationMs: Math.round((performance.now() - startedMs) * 10) / 10,
      requestId: scope.requestId,
      ...(user ? { user } : {}),
    };
  };
  if (line) return (exchange) => line(summaryOf(exchange));
  // Powertools reads the X-Ray trace id from the environment for every line, even one it then drops for
  // its level; a line it would drop is neither built nor handed to it (our loggers buffer nothing below
  // their level). The level is read once: `root.level` re-reads the environment on every call (about half
  // a microsecond of a warm GET), and nothing sets our loggers' level after they are made.
  if (root.level > LogLevelThreshold.INFO) return () => {};
  return (exchange) => {
    const { requestId: _, ...fields } = summaryOf(exchange);
    exchange.scope.log.info('request', fields);
  };
}
