import { randomUUID } from 'node:crypto';
import { givenRequestId } from '../http/middleware/request-id.js';

/** Reads one request header by lower-case name, whatever kind of request it is. */
export type HeaderReader = (name: string) => string | undefined;

/**
 * DNS rebinding defence for the local stack. A web page can point a name it owns at 127.0.0.1 and then
 * call the stack from the browser as "same origin" (minting dev tokens, changing data), but the browser
 * still sends that name in `Host`. So only loopback names and the names the developer configured
 * (APP_LOCAL_HOSTS, APP_PUBLIC_URL's) are answered; anything else is 421 Misdirected Request.
 */
export interface HostGuard {
  /** Whether a request with this `Host` header (port included or not) may be answered. */
  allows(hostHeader: string | undefined): boolean;
  /**
   * The 421 for a refused `Host`, in the contract's error shape, with the caller's request id echoed as on
   * every answer (when sane, else a new one).
   */
  refusal(
    hostHeader: string | undefined,
    header: HeaderReader,
  ): { status: 421; body: string; headers: Record<string, string> };
}

/** A guard accepting loopback names and `configured` ones (compared without port, case or trailing dot). */
export function hostGuard(configured: readonly string[]): HostGuard {
  const extra = new Set(configured.map(normalize));
  return {
    allows(hostHeader) {
      const name = hostHeader === undefined ? undefined : hostName(hostHeader);
      return name !== undefined && (isLoopbackName(name) || extra.has(name));
    },
    refusal(hostHeader, header) {
      const message =
        `This local stack answers only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]) ` +
        `or to a host in APP_LOCAL_HOSTS; ${hostHeader === undefined ? 'the request had no Host' : `Host ${JSON.stringify(hostHeader)} is neither`}. ` +
        'Open it at http://127.0.0.1:<port>/, or add the name to APP_LOCAL_HOSTS and restart.';
      return {
        status: 421,
        body: JSON.stringify({ error: { code: 'misdirected_request', message } }),
        headers: {
          'content-type': 'application/json',
          'x-request-id': givenRequestId(header) ?? randomUUID(),
        },
      };
    },
  };
}

/** Wraps a fetch handler so a refused `Host` gets the 421 before the app sees anything. */
export function guardHosts(
  guard: HostGuard,
  fetch: (request: Request) => Response | Promise<Response>,
): (request: Request) => Response | Promise<Response> {
  return (request) => {
    const host = request.headers.get('host') ?? undefined;
    if (guard.allows(host)) return fetch(request);
    const { status, body, headers } = guard.refusal(host, (name) => request.headers.get(name) ?? undefined);
    return new Response(body, { status, headers });
  };
}

/** The name in a `Host` header, without its port: `[::1]:3000` → `::1`, `LocalHost.:80` → `localhost`. */
function hostName(header: string): string | undefined {
  const value = header.trim();
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return normalize(bracketed[1] as string);
  const plain = /^([^:\s/@[\]]+)(?::\d+)?$/.exec(value);
  return plain ? normalize(plain[1] as string) : undefined;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** RFC 6761 keeps `localhost` and `*.localhost` on loopback; 127.0.0.0/8 and ::1 are loopback addresses. */
function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(
      name,
    )
  );
}
