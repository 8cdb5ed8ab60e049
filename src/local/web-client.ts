import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { HttpEnv } from '../http/http-env.js';

/** A Cognito pool the local stack verifies tokens of (APP_AUTH_PROVIDER=cognito), for the client to sign in to. */
export interface LocalSignIn {
  issuer: string;
  clientId: string;
}

/**
 * Serves the built web client (`make build` puts it in dist/web) at `/`, beside the API it calls, with a
 * `/blogapp-config.js` that tells it the WebSocket port (WS_PORT may move it off the client's default) and,
 * when the stack accepts a Cognito pool's tokens, that pool's sign-in (a development pool lists
 * http://127.0.0.1:3000/ among its callbacks). Only the local stack does this; in AWS the API serves the
 * API alone. Returns whether there was a client.
 */
export function serveWebClient(
  app: Hono<HttpEnv>,
  dir: string,
  wsPort: number,
  signIn?: LocalSignIn,
): boolean {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  const signInEntry = signIn ? `, signIn: ${JSON.stringify(signIn).replace(/</g, '\\u003c')}` : '';
  // The page's own host, not 127.0.0.1: the client may be opened from another machine on the network.
  const script = `window.BLOGAPP_CONFIG = Object.assign({ wsUrl: (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.hostname + ':${wsPort}'${signInEntry} }, window.BLOGAPP_CONFIG);\n`;
  app.get('/blogapp-config.js', (c) =>
    c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }),
  );
  // serveStatic resolves `root` against the working directory, so hand it a relative path.
  app.get('/*', serveStatic({ root: relative(process.cwd(), resolve(dir)) || '.' }));
  return true;
}
