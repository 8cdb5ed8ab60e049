/**
 * The in-process floor for the API handler: a minimal Hono app behind the same Lambda adapter as the API
 * (src/http/lambda-handler.ts), answering each measured route with the JSON our API answered it with,
 * through `c.json` and no middleware. Bundled with the API function's own esbuild options.
 * Env: BENCH_ROUTE_BODIES, a JSON file of { "GET /api/posts/{id}": <body>, ... } (the probe's labels).
 * Any other request (the probe's set-up) is answered with an `id`, so `{{id}}` in a measured path resolves.
 */
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { lambdaHandler } from '../../src/http/lambda-handler.js';

const file = process.env.BENCH_ROUTE_BODIES;
if (!file) throw new Error('BENCH_ROUTE_BODIES is required');
const bodies = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

const app = new Hono();
for (const [label, body] of Object.entries(bodies)) {
  const [method = 'GET', path = '/'] = label.split(' ');
  app.on(method, path.replace(/\{(\w+)\}/g, ':$1'), (c) => c.json(body));
}
app.all('*', (c) => c.json({ id: 'floor' }));

export const handler = lambdaHandler(app, new Logger({ logLevel: 'ERROR' }));
