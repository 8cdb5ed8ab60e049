import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import type { HttpEnv } from '../http-env.js';
import { type RequestSchemas, requestValidator } from '../request-validation.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON body or answer: the schema that describes it and, for requests, an example a reader can send. */
export interface JsonContent {
  schema: z.ZodMiniType;
  example?: unknown;
}

export interface ResponseDoc {
  description: string;
  headers?: Record<string, { description: string; schema: { type: 'integer' } }>;
  content?: { 'application/json': JsonContent };
}

/**
 * One route, declared once: the router serves it (validating the request with these schemas before the
 * handler runs) and the OpenAPI document is generated from it (src/http/docs/openapi-document.ts).
 */
export interface ApiRoute {
  method: Method;
  /** As OpenAPI writes it (`/api/posts/{id}`); the router is given `/api/posts/:id`. */
  path: string;
  summary: string;
  description?: string;
  security?: { bearer: string[] }[];
  /** Runs before validation: `signedIn`'s check, so a protected route answers 401 whatever the request. */
  middleware?: MiddlewareHandler<HttpEnv>[];
  request?: RequestSchemas;
  responses: { [status: number]: ResponseDoc | undefined };
}

type Request<R extends ApiRoute> = NonNullable<R['request']>;
type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : never;

/** What `c.req.valid(...)` returns in a route's handler: each part of the request as its schema parsed it. */
export interface Valid<R extends ApiRoute> {
  in: object;
  out: {
    param: Parsed<Request<R>['params']>;
    query: Parsed<Request<R>['query']>;
    header: Parsed<Request<R>['headers']>;
    json: Parsed<NonNullable<Request<R>['body']>['schema']>;
  };
}

export type RouteHandler<R extends ApiRoute> = (
  c: Context<HttpEnv, string, Valid<R>>,
) => Response | Promise<Response>;

/** Keeps a declaration's literal types (its schemas), so its handler's `c.req.valid` is typed from them. */
export const defineRoute = <const R extends ApiRoute>(route: R): R => route;

/** Serves `route` on `app`: its middleware, then the handler, which validates the request first. */
export function serveRoute<R extends ApiRoute>(
  app: Hono<HttpEnv>,
  route: R,
  handler: RouteHandler<NoInfer<R>>,
): void {
  const answer = handler as unknown as (c: Context<HttpEnv>) => Response | Promise<Response>;
  const validate = route.request ? requestValidator(route.request) : undefined;
  const serve: Handler<HttpEnv> = validate
    ? (c) => {
        const reading = validate(c);
        return reading ? reading.then(() => answer(c)) : answer(c);
      }
    : answer;
  app.on(
    [route.method.toUpperCase()],
    [route.path.replaceAll(/\/{(.+?)}/g, '/:$1')],
    ...(route.middleware ?? []),
    serve,
  );
}
