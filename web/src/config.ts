/** Where the client finds the API and the WebSocket gateway. */
export interface ClientConfig {
  /** Base URL of the REST API; '' means the page's own origin (the local stack serves both). */
  apiUrl: string;
  wsUrl: string;
}

declare global {
  interface Window {
    /** Set by a host page (or a test) before the bundle runs, for deployments where the defaults are wrong. */
    BLOGAPP_CONFIG?: Partial<ClientConfig>;
  }
}

/**
 * The WebSocket gateway listens on its own port and the API has no discovery route, so the URL comes from,
 * in order: `?ws=` in the page's query string, `window.BLOGAPP_CONFIG.wsUrl`, else port 3001 (the local
 * stack's default) on the page's host. `?api=` and `BLOGAPP_CONFIG.apiUrl` do the same for the API.
 */
export function readConfig(location: Location, injected: Partial<ClientConfig> = {}): ClientConfig {
  const query = new URLSearchParams(location.search);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return {
    apiUrl: trimSlash(query.get('api') ?? injected.apiUrl ?? ''),
    wsUrl: query.get('ws') ?? injected.wsUrl ?? `${scheme}://${location.hostname}:3001`,
  };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
