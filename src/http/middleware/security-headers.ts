import type { Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * The headers Hono's `secureHeaders` sets with these options, worked out once (lower-case names): Hono's
 * middleware re-reads `c.res.headers` for each of its dozen headers on every request, which on the Lambda
 * adapter's full Response is measurable. The list is what Hono's own middleware writes on a first,
 * throwaway answer, so its defaults stay its own; the shell gathers them for every answer and drops
 * X-Powered-By as Hono's does. Options whose values depend on the request (CSP nonces) are refused, as the
 * list could not hold them, and so is keeping X-Powered-By, which the shell always drops.
 */
export function securityHeaderList(options: SecureHeadersOptions = {}): Promise<[string, string][]> {
  const perRequest = [options.contentSecurityPolicy, options.contentSecurityPolicyReportOnly].some(
    (policy) =>
      policy &&
      Object.values(policy)
        .flat()
        .some((value) => typeof value === 'function'),
  );
  if (perRequest) throw new Error('securityHeaderList takes no per-request values; use hono/secure-headers.');
  if (options.removePoweredBy === false) throw new Error('The shell always drops X-Powered-By.');
  return headersOf(options);
}

/**
 * `securityHeaderList(options)` worked out on first use and kept for every later caller (the shell, and the
 * Lambda door's refusals); a failed build is not kept, so the next caller tries again rather than every
 * answer failing alike.
 */
export function keptSecurityHeaders(options: SecureHeadersOptions): () => Promise<[string, string][]> {
  let kept: Promise<[string, string][]> | undefined;
  return () =>
    (kept ??= securityHeaderList(options).catch((error: unknown) => {
      kept = undefined;
      throw error;
    }));
}

async function headersOf(options: SecureHeadersOptions): Promise<[string, string][]> {
  // Hono's middleware run on a bare answer, not through `app.request()`: that builds a web Request, and on
  // the Lambda door (which answers without undici) the first one would load undici for nothing.
  const probe = { res: new Response(null, { status: 204 }) };
  await secureHeaders({ ...options, removePoweredBy: false })(probe as Context, async () => {});
  return [...probe.res.headers];
}
