import type { Context, Hono } from 'hono';
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
  /**
   * Only a signed-in caller may call it (`...signedIn`): the admission it is served behind answers 401
   * before validation, and before any body rule, so the answer is 401 whatever the request.
   */
  signInRequired?: true;
  /**
   * The caller's profile is read from storage, not the per-process copy admission otherwise uses: for a
   * route that answers with the profile itself, which another process may have renamed since.
   */
  currentProfile?: true;
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

/** A served route's work once the request is admitted: validation, then the route's handler. */
export type ServeAdmitted = (c: Context<HttpEnv>) => Response | Promise<Response>;

/**
 * Who may call and what a body may be, settled ahead of a route's validation (the API's is `admitCaller`'s,
 * src/http/middleware/authenticate.ts): given the route, wraps its work into the one handler Hono runs.
 */
export type RouteAdmission = (
  route: Pick<ApiRoute, 'signInRequired' | 'currentProfile'>,
  serve: ServeAdmitted,
) => ServeAdmitted;

/** An app whose routes are served behind `admit`. */
export interface AdmittedRoutes {
  app: Hono<HttpEnv>;
  admit: RouteAdmission;
}

/**
 * Serves `route` on `app` as one handler: the admission when served behind one, then validation of the
 * request, then the handler. The admission runs inside the handler rather than as a middleware of its own,
 * since each layer of Hono's middleware costs an async step and compose's bookkeeping on every request.
 */
export function serveRoute<R extends ApiRoute>(
  on: Hono<HttpEnv> | AdmittedRoutes,
  route: R,
  handler: RouteHandler<NoInfer<R>>,
): void {
  const { app, admit } = 'admit' in on ? on : { app: on, admit: undefined };
  if (route.signInRequired && !admit) {
    throw new Error(`${route.method} ${route.path} needs a signed-in caller: serve it behind the admission.`);
  }
  const answer = handler as unknown as ServeAdmitted;
  const validate = route.request ? requestValidator(route.request) : undefined;
  const serve: ServeAdmitted = validate
    ? (c) => {
        const reading = validate(c);
        return reading ? reading.then(() => answer(c)) : answer(c);
      }
    : answer;
  app.on(
    [route.method.toUpperCase()],
    [route.path.replaceAll(/\/{(.+?)}/g, '/:$1')],
    admit ? admit(route, serve) : serve,
  );
}
