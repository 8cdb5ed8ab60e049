import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Hono } from 'hono';
import { withKeys } from '../../observability/log.js';
import { type AnswerHeaders, applyAnswerHeaders, carriesAnswerHeaders } from '../answer-headers.js';
import type { HttpEnv, RequestScope } from '../http-env.js';
import type { BusinessMetrics } from './business-metrics.js';
import type { CorsAnswers } from './cors-headers.js';
import type { Exchange } from './exchange.js';
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

type Fetch = Hono<HttpEnv>['fetch'];
type Bindings = Parameters<Fetch>[1];
type ExecutionContext = Parameters<Fetch>[2];

/**
 * Everything every request gets around its handler, wrapped around the app's `fetch`: its id (the caller's
 * when sane, else a fresh one) and a log carrying it, the security and CORS headers of its answer
 * (gathered for `answerJson`, applied afterwards to any other answer), its business metric and its access
 * line. Outside Hono rather than a middleware, so that a request to one of the API's routes matches that
 * route's one handler and nothing else: Hono then calls it directly, where a middleware matching every
 * path makes it compose them, at the cost of an async step per layer and compose's own promises, and an
 * answer that is always a promise. With the answer at once that this allows (awaitable.ts), a warm GET of a
 * post took about 7,900 fewer instructions (callgrind, in-process, 150,400 to 142,500). An answer made
 * anywhere inside (a handler, a middleware's refusal, the error handler, a 404) gets the same treatment.
 */
export function requestShell(parts: ShellParts): (fetch: Fetch) => Fetch {
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
  // A preflight's CORS headers are Hono's own, set by the preflight route (createShell); it still gets the
  // id and the security headers.
  const preflightList: readonly [string, string][] = [];

  return (dispatch) => {
    const serve = (request: Request, env: Bindings, context: ExecutionContext, startedMs: number) => {
      const header = (name: string) => request.headers.get(name) ?? undefined;
      const requestId = givenRequestId(header) ?? randomUUID();
      const corsList = request.method === 'OPTIONS' ? preflightList : cors.headersFor(header('origin'));
      const scope: RequestScope = {
        requestId,
        log: withKeys(logger, { requestId }),
        answerHeaders: recordFor(corsList),
      };
      const finish = (response: Response): Response => {
        if (!carriesAnswerHeaders(response)) applyAnswerHeaders(response, scope.answerHeaders, requestId);
        const exchange: Exchange = { request, response, scope, startedMs };
        countBusinessEvent?.(exchange);
        accessLog(exchange);
        return response;
      };
      // One literal of a fixed shape: spreading the platform's bindings into it instead cost several thousand
      // instructions a request (callgrind), and a caller's own object (a test's) is never written to.
      const answer = dispatch(request, { scope, platform: env }, context);
      return answer instanceof Promise ? answer.then(finish) : finish(answer);
    };
    return (request, env, context) => {
      const startedMs = performance.now();
      if (security) return serve(request, env, context, startedMs);
      return parts.securityHeaders().then((list) => {
        security = list;
        return serve(request, env, context, startedMs);
      });
    };
  };
}
