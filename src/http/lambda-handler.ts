import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { givenRequestId } from './middleware/request-id.js';

/** The events the API function takes: HTTP API (2.0), REST API (1.0) and Function URLs, as AWS sends them. */
export interface HttpEvent {
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  requestContext?: { http?: { method?: string }; [key: string]: unknown };
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  [key: string]: unknown;
}

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
  [key: string]: unknown;
}

type AppLike = Pick<Hono, 'fetch'>;

/**
 * The Lambda door to the one HTTP app, Hono's adapter with two gaps closed. API Gateway passes a GET or
 * HEAD body through (AWS's own samples have them) but a web Request cannot carry one, so the adapter would
 * refuse the request before the app sees it: such bodies are dropped, as @hono/node-server does locally.
 * And should the adapter still fail to build a Request, its bare text answer is replaced by the contract's:
 * the error shape, an x-request-id and a log line, like every answer of the app.
 */
export function lambdaHandler(app: AppLike, logger: Logger) {
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    let reachedApp = false;
    const adapter = handle({
      fetch: (request: Request, env?: unknown) => {
        reachedApp = true;
        return app.fetch(request, env);
      },
    } as Hono);
    const result = (await adapter(withoutReadBody(event) as never, context)) as HttpResult;
    return reachedApp ? result : refusedByAdapter(event, context, result, logger);
  };
}

function methodOf(event: HttpEvent): string {
  return (event.requestContext?.http?.method ?? event.httpMethod ?? '').toUpperCase();
}

/** The event without a body when the method cannot have one. */
function withoutReadBody(event: HttpEvent): HttpEvent {
  if (!event.body || !['GET', 'HEAD'].includes(methodOf(event))) return event;
  const { body: _ignored, ...rest } = event;
  return { ...rest, isBase64Encoded: false };
}

function refusedByAdapter(
  event: HttpEvent,
  context: Context,
  result: HttpResult,
  logger: Logger,
): HttpResult {
  const lookup = (name: string) => headerOf(event, name);
  const requestId = givenRequestId(lookup) ?? context.awsRequestId;
  const status = result.statusCode >= 500 ? 500 : 400;
  const error =
    status === 400
      ? { code: 'bad_request', message: 'The request could not be read; check its URL, headers and body.' }
      : {
          code: 'internal',
          message: 'Something went wrong on our side; retry later or report the request id.',
        };
  logger.warn('request refused before reaching the app', {
    requestId,
    method: methodOf(event),
    path: event.rawPath ?? event.path,
    status,
  });
  const headers = { 'content-type': 'application/json', 'x-request-id': requestId };
  return {
    ...result,
    statusCode: status,
    headers,
    ...(result.multiValueHeaders
      ? { multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])) }
      : {}),
    body: JSON.stringify({ error }),
    isBase64Encoded: false,
  };
}

function headerOf(event: HttpEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === name && values?.[0] !== undefined) return values[0];
  }
  return undefined;
}
