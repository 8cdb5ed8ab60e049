/** Where the client finds the API and the WebSocket gateway. */
export interface ClientConfig {
  /** Base URL of the REST API; '' means the page's own origin (the local stack serves both). */
  apiUrl: string;
  wsUrl: string;
}

declare global {
  interface Window {
    /** Set by the host's `/blogapp-config.js` (or a test) before the bundle runs, where the defaults are wrong. */
    BLOGAPP_CONFIG?: Partial<ClientConfig>;
  }
}

/**
 * Only the host decides where the client connects: `window.BLOGAPP_CONFIG`, written by the served
 * `/blogapp-config.js`, else the page's own origin for the API and port 3001 (the local stack's default) on
 * the page's host for the WebSocket gateway. Nothing in the page's URL counts: every API request carries the
 * user's token, so a link that named the API (`?api=`, as this client once read) could hand the token to
 * whoever wrote the link.
 */
export function readConfig(location: Location, injected: Partial<ClientConfig> = {}): ClientConfig {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return {
    apiUrl: trimSlash(urlOrNull(injected.apiUrl, ['http:', 'https:']) ?? ''),
    wsUrl: urlOrNull(injected.wsUrl, ['ws:', 'wss:']) ?? `${scheme}://${location.hostname}:3001`,
  };
}

/**
 * The value if it is an absolute URL with one of `protocols`. Anything else is ignored: an element with the
 * id `BLOGAPP_CONFIG` makes `window.BLOGAPP_CONFIG` that element (DOM clobbering), whose fields are not strings.
 */
function urlOrNull(value: unknown, protocols: string[]): string | null {
  if (typeof value !== 'string') return null;
  try {
    return protocols.includes(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
