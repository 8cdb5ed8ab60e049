import { getPath } from 'hono/utils/url';

/** Anything that answers a web Request: a Hono app's `fetch`. */
type Fetch = (request: Request) => Response | Promise<Response>;

/** The functions behind the HTTP API, as the local stack names their apps. */
export type HttpApiFunction = 'api' | 'broadcast';

/**
 * The HTTP API's routes, by route key, and the function each reaches: the SAM template's HttpApi events
 * (and the Terraform api module's route keys), which test/infrastructure/apis.test.ts holds this to. Only
 * `METHOD /exact/path` keys and `$default`: API Gateway takes an exact route first and `$default` for
 * every other request, so `GET /broadcast/comments` reaches the API function, never the broadcast one.
 */
export const HTTP_API_ROUTES: {
  readonly $default: HttpApiFunction;
  readonly [routeKey: string]: HttpApiFunction;
} = {
  'POST /broadcast/comments': 'broadcast',
  $default: 'api',
};

/** The function API Gateway hands a request of `method` on `path` to. */
export function httpApiTarget(method: string, path: string): HttpApiFunction {
  const key = `${method} ${path}`;
  return Object.hasOwn(HTTP_API_ROUTES, key)
    ? (HTTP_API_ROUTES[key] as HttpApiFunction)
    : HTTP_API_ROUTES.$default;
}

/** Routes requests to the functions' apps as the HTTP API does in AWS (HTTP_API_ROUTES). */
export function routeAsApiGateway(apps: Record<HttpApiFunction, Fetch>): Fetch {
  return (request) => apps[httpApiTarget(request.method, getPath(request))](request);
}
