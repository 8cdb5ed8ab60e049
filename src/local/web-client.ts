import { existsSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../http/http-env.js';
import { type WebClientOrigins, webClientCsp } from './web-client-csp.js';

/** A Cognito pool the local stack verifies tokens of (APP_AUTH_PROVIDER=cognito), for the client to sign in to. */
export interface LocalSignIn {
  issuer: string;
  clientId: string;
}

/**
 * Serves the built web client (`make build` puts it in dist/web) at `/`, beside the API it calls, with a
 * `/blogapp-config.js` that tells it the WebSocket port (WS_PORT may move it off the client's default) and,
 * when the stack accepts a Cognito pool's tokens, that pool's sign-in (a development pool lists
 * http://127.0.0.1:3000/ among its callbacks), under a Content-Security-Policy naming exactly the origins it
 * talks to. Only the local stack does this; in AWS the API serves the API alone. Returns whether there was a
 * client.
 */
export function serveWebClient(
  app: Hono<HttpEnv>,
  dir: string,
  wsPort: number,
  origins: Omit<WebClientOrigins, 'websocket'>,
  signIn?: LocalSignIn,
): boolean {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  const signInEntry = signIn ? `, signIn: ${JSON.stringify(signIn).replace(/</g, '\\u003c')}` : '';
  // The page's own host, not 127.0.0.1: the client may be opened by any name the stack answers to.
  const script = `window.BLOGAPP_CONFIG = Object.assign({ wsUrl: (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.hostname + ':${wsPort}'${signInEntry} }, window.BLOGAPP_CONFIG);\n`;
  const underPolicy: MiddlewareHandler<HttpEnv> = async (c, next) => {
    await next();
    // The WebSocket URL is built from the page's host (above), so the policy names the same one.
    const page = new URL(c.req.url);
    const websocket = `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.hostname}:${wsPort}`;
    c.header('Content-Security-Policy', webClientCsp({ ...origins, websocket }));
  };
  app.get('/blogapp-config.js', underPolicy, (c) =>
    c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }),
  );
  // Only the client's own paths (its build's top-level files and folders, read at start), rather than
  // everything under `/`: a route matching the API's paths too would make Hono compose every API request
  // with it (request-shell.ts).
  const paths = readdirSync(dir, { withFileTypes: true }).map((entry) =>
    entry.isDirectory() ? `/${entry.name}/*` : `/${entry.name}`,
  );
  // serveStatic resolves `root` against the working directory, so hand it a relative path.
  const files = serveStatic({ root: relative(process.cwd(), resolve(dir)) || '.' });
  for (const path of ['/', ...paths]) app.get(path, underPolicy, files);
  return true;
}
