import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { eventRequest, isV2Event, type ProxyEvent } from './lambda/event-request.js';
import { type HttpResult, lambdaResult, type ResultShape } from './lambda/lambda-result.js';
import { installLightResponse } from './lambda/light-response.js';
import { givenRequestId } from './middleware/request-id.js';

export type { HttpResult } from './lambda/lambda-result.js';

/** The events the API function takes: HTTP API (2.0), REST API (1.0) and Function URLs, as AWS sends them. */
export interface HttpEvent extends ProxyEvent {
  [key: string]: unknown;
}

/** The app's `fetch`, given the Lambda event and context as Hono's adapter gives them, in its bindings. */
interface AppLike {
  fetch(request: Request, env?: object): Response | Promise<Response>;
}

/** The headers the app's own answers carry besides their id, for a request from `origin` (app-shell.ts). */
export type HeadersFor = (origin: string | undefined) => Promise<Record<string, string>>;

const NO_HEADERS: HeadersFor = async () => ({});

/**
 * The Lambda door to the one HTTP app. It does what Hono's `hono/aws-lambda` adapter does, with two gaps
 * closed, but without Node's fetch classes. API Gateway passes a GET or HEAD body through (AWS's own
 * samples have them) but a web Request cannot carry one: such bodies are dropped, as @hono/node-server
 * does locally. A request the web Request would refuse (a bad header name, method or URL) is answered in
 * the contract's error shape, with an x-request-id, the app's other headers (`headersFor`) and a log line,
 * like every answer of the app.
 *
 * Why not Hono's adapter: it builds a `new Headers()` and a `new Request()` per event and reads the answer
 * back through `headers.forEach` and `text()`, and Node's first use of any of those classes loads undici,
 * which was about 20-28 ms of a cold start's CPU and 3 MiB of its RSS (the profile's "hono" row), then
 * object churn on every event. The door hands Hono a request read straight from the event and makes the
 * global Response a light one (./lambda/*), so answers with a text or JSON body never touch undici; a body
 * read as a stream, or an answer a handler builds as a real Response, still gets the real classes. Measured
 * against Hono's adapter, bundles interleaved on one machine: the cold start's "hono" row 28 -> 5 ms, RSS
 * 63.8 -> 60.8 MiB, and a warm GET /api/posts/{id} in-process 211 -> 18 µs of CPU per event. Reusing
 * @hono/node-server's light classes was weighed: its module reads the global fetch classes as it loads
 * (loading undici), and its request is made for a socket. Events of other kinds (ALB, VPC Lattice) go
 * through Hono's adapter as before.
 */
export function lambdaHandler(app: AppLike, logger: Logger, headersFor: HeadersFor = NO_HEADERS) {
  installLightResponse();
  const refuse = refusal(logger, headersFor);
  const viaHono = honoAdapter(app, refuse);
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const readable = withoutReadBody(event);
    const v2 = isV2Event(readable);
    if (!v2 && !isV1Event(readable)) return viaHono(readable, context);
    const shape: ResultShape = { v2, multiValueHeaders: !!readable.multiValueHeaders };
    let request: Request;
    try {
      request = eventRequest(readable, v2) as unknown as Request;
    } catch (error) {
      return refuse(event, context, error instanceof TypeError ? 400 : 500, shape);
    }
    const env = { event: readable, requestContext: readable.requestContext, lambdaContext: context };
    return lambdaResult(await app.fetch(request, env), shape);
  };
}

/** A REST API 1.0 event: neither 2.0 nor one of the kinds Hono's adapter tells apart by their context. */
function isV1Event(event: HttpEvent): boolean {
  const context = event.requestContext ?? {};
  return !Object.hasOwn(context, 'elb') && !Object.hasOwn(context, 'serviceArn');
}

/**
 * Hono's own adapter, for the event kinds the door does not read itself (none reach the API function
 * today), refusals answered alike; imported on first such event, so the function does not load it at init.
 */
function honoAdapter(app: AppLike, refuse: Refuse) {
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const { handle } = await import('hono/aws-lambda');
    let reachedApp = false;
    const adapter = handle({
      fetch: (request: Request, env?: object) => {
        reachedApp = true;
        return app.fetch(request, env);
      },
    } as Hono);
    const result = (await adapter(event as never, context)) as HttpResult;
    if (reachedApp) return result;
    const shape = { v2: false, multiValueHeaders: !!result.multiValueHeaders };
    return refuse(event, context, result.statusCode >= 500 ? 500 : 400, shape);
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

type Refuse = (
  event: HttpEvent,
  context: Context,
  status: 400 | 500,
  shape: ResultShape,
) => Promise<HttpResult>;

const refusal =
  (logger: Logger, headersFor: HeadersFor): Refuse =>
  async (event, context, status, shape) => {
    const lookup = (name: string) => headerOf(event, name);
    const requestId = givenRequestId(lookup) ?? context.awsRequestId;
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
    const headers = {
      'content-type': 'application/json',
      // A refusal must not fail: without its usual headers it is still an answer in the contract's shape.
      ...(await headersFor(lookup('origin')).catch(() => ({}))),
      'x-request-id': requestId,
    };
    return {
      statusCode: status,
      headers,
      ...(shape.multiValueHeaders
        ? { multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])) }
        : {}),
      body: JSON.stringify({ error }),
      isBase64Encoded: false,
    };
  };

function headerOf(event: HttpEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === name && values?.[0] !== undefined) return values[0];
  }
  return undefined;
}
