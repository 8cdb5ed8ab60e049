import { getPath } from 'hono/utils/url';

/** Anything that answers a web Request: a Hono app's `fetch`. */
type Fetch = (request: Request) => Response | Promise<Response>;

/** The HTTP API's paths that go to the broadcast function rather than the API function. */
export const BROADCAST_PATH_PREFIX = '/broadcast/';

/**
 * Routes requests to the functions' apps as the HTTP API does in AWS (template: HttpApi routes): the
 * broadcast path to the broadcast function's app, everything else to the API function's.
 */
export function routeAsApiGateway(apps: { api: Fetch; broadcast: Fetch }): Fetch {
  return (request) =>
    getPath(request).startsWith(BROADCAST_PATH_PREFIX) ? apps.broadcast(request) : apps.api(request);
}
