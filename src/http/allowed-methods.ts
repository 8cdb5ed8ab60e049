import type { Hono } from 'hono';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** A route for every path (the local stack's web client files) is a fallback, not a resource a path names. */
const CATCH_ALL = new Set(['*', '/*']);

/**
 * The methods the app serves at a path, as an `Allow` header lists them, or undefined when it serves none
 * there: what turns "no route" into 405 rather than 404 for a path that exists. Read from the app's own
 * routes (middleware, registered for every method, is not a route) on the first request that asks, when
 * every route is registered. HEAD comes with GET and OPTIONS with any route, as the app answers both.
 */
export function allowedMethods(app: Pick<Hono, 'routes'>): (path: string) => string | undefined {
  let routes: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    routes ??= app.routes
      .filter((route) => route.method !== 'ALL' && !CATCH_ALL.has(route.path))
      .map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const methods = new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.size === 0) return undefined;
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return ORDER.filter((method) => methods.has(method)).join(', ');
  };
}

/** A route's path (`/api/posts/:id`, `/files/*`) as a pattern for whole request paths. */
function patternOf(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    if (segment === '*') return '.*';
    if (segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}
