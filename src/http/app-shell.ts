import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import type { Config } from '../config/config.js';
import { allowedMethods } from './allowed-methods.js';
import { errorResponse } from './error-response.js';
import { handleError } from './handle-error.js';
import type { HttpEnv } from './http-env.js';
import { businessMetrics } from './middleware/business-metrics.js';
import { type CorsOptions, corsAnswers } from './middleware/cors-headers.js';
import { jsonOnly } from './middleware/json-only.js';
import { accessLog, type RequestLine } from './middleware/request-log.js';
import { requestShell } from './middleware/request-shell.js';
import { keptSecurityHeaders, type SecureHeadersOptions } from './middleware/security-headers.js';
import type { RouteAdmission, ServeAdmitted } from './routes/api-route.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** The security headers every answer carries: Hono's defaults, images and JSON readable cross-origin. */
export const SECURITY_OPTIONS: SecureHeadersOptions = { crossOriginResourcePolicy: 'cross-origin' };
const securityHeaders = keptSecurityHeaders(SECURITY_OPTIONS);

/** The CORS policy for the configured origins ('*' among them allows any). */
export function corsOptionsFor(allowedOrigins: string[]): CorsOptions {
  return {
    origin: allowedOrigins.includes('*') ? '*' : allowedOrigins,
    // Every request header the API reads: X-Correlation-Id is echoed as the request id like X-Request-Id.
    allowHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'X-Request-Id',
      'X-Correlation-Id',
    ],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  };
}

/** What every HTTP function's app is built from, whatever routes it serves. */
export interface ShellDeps {
  config: Pick<Config, 'allowedOrigins'>;
  logger: Logger;
  /** Business and push metrics (EMF); absent locally. */
  metrics?: Metrics;
  /** Where the one line per request goes besides the log (the local stack's terminal); absent in AWS. */
  requestLines?: RequestLine;
}

/**
 * The app every HTTP function starts from: its `fetch` wrapped in the request shell (request id, access log,
 * metrics, security headers, CORS: see request-shell.ts), and preflights answered on every path, so the API
 * and the broadcast function answer alike although each serves only its own routes.
 */
export function createShell(deps: ShellDeps): Hono<HttpEnv> {
  // Hono's default SmartRouter (RegExpRouter here, see test/http/router-choice.test.ts) kept over the
  // LinearRouter and PatternRouter Hono suggests for per-process init: compiling every route into one regular
  // expression costs about 1 ms of CPU on the first request of a cold start, and in-process on this app
  // (interleaved, CPU time) it answered GET /api/posts/{id} 15-30% faster than either on every request.
  const app = new Hono<HttpEnv>();
  const cors = corsAnswers(corsOptionsFor(deps.config.allowedOrigins));
  const allowedAt = allowedMethods(app);
  // A route of its own, for OPTIONS only, so that no other request matches it. Every OPTIONS names the
  // methods of a path the app serves in `Allow` (as a 405 does); a plain OPTIONS (not a browser's preflight)
  // of a path it does not serve is the 404 any request there gets.
  app.options(PREFLIGHT_PATH, (c, next) => {
    const allowed = allowedAt(c.req.path);
    if (allowed) c.header('Allow', allowed);
    else if (c.req.header('access-control-request-method') === undefined) return next();
    return cors.preflight(c, next);
  });
  app.fetch = requestShell({
    logger: deps.logger,
    securityHeaders,
    cors,
    accessLog: accessLog(deps.logger, deps.requestLines),
    ...(deps.metrics ? { countBusinessEvent: businessMetrics(deps.metrics) } : {}),
  })(app.fetch);
  return app;
}

const PREFLIGHT_PATH = '/*';

/** The routes an app serves, as `app.routes` lists them, without middleware (ALL) or the shell's preflights. */
export function servedRoutes(app: Pick<Hono<HttpEnv>, 'routes'>): { method: string; path: string }[] {
  return app.routes.filter(
    (route) => route.method !== 'ALL' && !(route.method === 'OPTIONS' && route.path === PREFLIGHT_PATH),
  );
}

/**
 * The headers every answer carries besides its id (security, and CORS for a request from `origin`), for the
 * few answers made before a request reaches the app — the Lambda door's refusal of an event a web Request
 * cannot hold — so that a browser can read those too.
 */
export function shellHeadersFor(
  config: ShellDeps['config'],
): (origin: string | undefined) => Promise<Record<string, string>> {
  const cors = corsAnswers(corsOptionsFor(config.allowedOrigins));
  return async (origin) => Object.fromEntries([...(await securityHeaders()), ...cors.headersFor(origin)]);
}

/** The rules a request's body must meet (small, JSON) before a handler reads it; GET and HEAD pass. */
export function jsonBodyRules(): MiddlewareHandler<HttpEnv> {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(c, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
  });
  const bodyRules = every(limit, jsonOnly());
  // A GET or HEAD never has a body to check, and asking for one makes @hono/node-server build the full
  // undici Request it otherwise never needs.
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : bodyRules(c, next));
}

/** Small JSON bodies only under `path`: anything else is refused before a handler reads it. */
export function smallJsonBodies(app: Hono<HttpEnv>, path: string): void {
  app.use(path, jsonBodyRules());
}

/**
 * The contract's answers for an unknown route and for any error a handler throws. An unknown path `under`
 * a prefix whose routes are admitted is admitted the same way before its 404 or 405, so a bad token there
 * is 401 as on any route beside it.
 */
export function answerErrors(
  app: Hono<HttpEnv>,
  logger: Logger,
  unknown?: { under: string; admit: RouteAdmission },
): void {
  const allowedAt = allowedMethods(app);
  const refuse: ServeAdmitted = (c) => {
    const allowed = allowedAt(c.req.path);
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    // A route of this method that answered "not found" itself is a 404 like any other.
    if (!allowed || allowed.split(', ').includes(method)) {
      return errorResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
    }
    c.header('Allow', allowed);
    return errorResponse(
      c,
      'method_not_allowed',
      `${c.req.path} does not take ${c.req.method}; it takes ${allowed}.`,
    );
  };
  const admitted = unknown && { under: unknown.under, refuse: unknown.admit({}, refuse) };
  app.notFound((c) => (admitted && c.req.path.startsWith(admitted.under) ? admitted.refuse : refuse)(c));
  app.onError((error, c) => handleError(error, c, logger));
}
