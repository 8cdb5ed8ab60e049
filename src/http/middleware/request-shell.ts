import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareHandler } from 'hono';
import { withKeys } from '../../observability/log.js';
import { type AnswerHeaders, applyAnswerHeaders, carriesAnswerHeaders } from '../answer-headers.js';
import type { HttpEnv } from '../http-env.js';
import type { BusinessMetrics } from './business-metrics.js';
import type { CorsAnswers } from './cors-headers.js';
import { givenRequestId } from './request-id.js';
import type { AccessLog } from './request-log.js';

/** What the shell wraps every request in; each part is worked out once, when the app is built. */
export interface ShellParts {
  logger: Logger;
  /**
   * The security headers every answer carries (lower-case names), worked out on first use and kept by the
   * caller, who does not keep a failed build (keptSecurityHeaders).
   */
  securityHeaders: () => Promise<[string, string][]>;
  cors: CorsAnswers;
  accessLog: AccessLog;
  /** Absent where no metrics are published (locally). */
  countBusinessEvent?: BusinessMetrics;
}

/**
 * Everything every request gets around its handler, in one middleware rather than one each: its id (the
 * caller's when sane, else a fresh one) and a log carrying it, the security and CORS headers of its answer
 * (gathered for `answerJson`, applied afterwards to any other answer), its business metric and its access
 * line. Each layer of Hono's middleware costs an async function, an `await next()` and compose's own
 * promise; on a warm GET those were a measurable share of the request.
 */
export function requestShell(parts: ShellParts): MiddlewareHandler<HttpEnv> {
  const { logger, cors, accessLog, countBusinessEvent } = parts;
  let security: [string, string][] | undefined;
  // One record of the headers every answer carries besides its id, per CORS list (a handful: one per
  // allowed origin, one for any other), so a request copies one record instead of assembling it.
  const records = new Map<readonly [string, string][], AnswerHeaders>();
  const recordFor = (corsList: readonly [string, string][]): AnswerHeaders => {
    let record = records.get(corsList);
    if (!record) {
      record = Object.fromEntries([...(security ?? []), ...corsList]);
      records.set(corsList, record);
    }
    return record;
  };
  const preflightList: readonly [string, string][] = [];

  return async (c, next) => {
    const started = performance.now();
    security ??= await parts.securityHeaders();
    const id = givenRequestId((name) => c.req.header(name)) ?? randomUUID();
    c.set('requestId', id);
    c.set('log', withKeys(logger, { requestId: id }));
    const preflight = c.req.method === 'OPTIONS';
    // A preflight's CORS headers are Hono's own, set by `cors.preflight`; it still gets the id and security.
    // The shared record is handed on as it is, beside the id, and copied once, into the answer.
    const gathered = recordFor(preflight ? preflightList : cors.headersFor(c.req.header('origin')));
    c.set('answerHeaders', gathered);

    if (preflight) {
      const answer = await cors.preflight(c, next);
      if (answer) c.res = answer;
    } else {
      await next();
    }
    if (!carriesAnswerHeaders(c.res)) applyAnswerHeaders(c.res, gathered, id);
    countBusinessEvent?.(c);
    accessLog(c, started);
  };
}
