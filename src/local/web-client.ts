import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { HttpEnv } from '../http/http-env.js';

/**
 * Serves the built web client (`make build` puts it in dist/web) at `/`, beside the API it calls. Only the
 * local stack does this; in AWS the API serves the API alone. Returns whether there was a client to serve.
 */
export function serveWebClient(app: Hono<HttpEnv>, dir: string): boolean {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  // serveStatic resolves `root` against the working directory, so hand it a relative path.
  app.get('/*', serveStatic({ root: relative(process.cwd(), resolve(dir)) || '.' }));
  return true;
}
