import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { carriesGatheredHeaders, gatherHeader } from '../answer-headers.js';
import type { HttpEnv } from '../http-env.js';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * Hono's `secureHeaders`, the same headers with the same precedence (they replace a handler's own), set
 * from a list worked out once: Hono's re-reads `c.res.headers` for each of its dozen headers on every
 * request, which on the Lambda adapter's full Response is measurable. The list is what Hono's own
 * middleware writes on a first, throwaway answer, so its defaults stay its own. Options whose values
 * depend on the request (CSP nonces) are refused, as the list could not hold them.
 */
export function securityHeaders(options: SecureHeadersOptions = {}): MiddlewareHandler<HttpEnv> {
  const perRequest = [options.contentSecurityPolicy, options.contentSecurityPolicyReportOnly].some(
    (policy) =>
      policy &&
      Object.values(policy)
        .flat()
        .some((value) => typeof value === 'function'),
  );
  if (perRequest) throw new Error('securityHeaders takes no per-request values; use hono/secure-headers.');
  let working: Promise<[string, string][]> | undefined;
  let pairs: [string, string][] | undefined;
  return async (c, next) => {
    if (!pairs) {
      working ??= headersOf(options);
      pairs = await working;
    }
    for (const [name, value] of pairs) gatherHeader(c, name, value);
    await next();
    if (carriesGatheredHeaders(c.res)) return;
    const response = c.res.headers;
    for (const [name, value] of pairs) response.set(name, value);
    if (options.removePoweredBy !== false) response.delete('X-Powered-By');
  };
}

async function headersOf(options: SecureHeadersOptions): Promise<[string, string][]> {
  // Hono's middleware run on a bare answer, not through `app.request()`: that builds a web Request, and on
  // the Lambda door (which answers without undici) the first one would load undici for nothing.
  const probe = { res: new Response(null, { status: 204 }) };
  await secureHeaders({ ...options, removePoweredBy: false })(probe as Context, async () => {});
  return [...probe.res.headers];
}
