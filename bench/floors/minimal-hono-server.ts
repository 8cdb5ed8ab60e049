/**
 * The framework's own ceiling: a minimal Hono app on @hono/node-server answering each path with the same
 * JSON object our API answered it with, through `c.json` and nothing else (no middleware), so the gap to
 * our server is our own work, not Hono's. Env: PORT, BENCH_REPLIES (the raw floor's file; only the bodies
 * are used unless BENCH_SAME_HEADERS=1, which sends each reply's headers too, as one plain record: what the
 * contract's headers cost any Hono app; BENCH_AFTER_AWAIT=1 then answers after awaiting one async read, as
 * any handler that reads storage must, so its answer reaches @hono/node-server as a promise rather than
 * as a ready Response). Prints {"url": ...} once listening.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const file = process.env.BENCH_REPLIES;
if (!file) throw new Error('BENCH_REPLIES is required');
const replies = JSON.parse(readFileSync(file, 'utf8')) as Record<
  string,
  { body: string; headers: Record<string, string> }
>;
const sameHeaders = process.env.BENCH_SAME_HEADERS === '1';
const afterAwait = process.env.BENCH_AFTER_AWAIT === '1';

const app = new Hono();
for (const [path, reply] of Object.entries(replies)) {
  const value: unknown = JSON.parse(Buffer.from(reply.body, 'base64').toString('utf8'));
  // A plain record, as our answers carry theirs: Hono's `c.json(value, 200, record)` would build a Headers.
  const { headers } = reply;
  const answer = () => new Response(JSON.stringify(value), { headers });
  // The read a real handler would await, with its data already in memory.
  const read = async () => value;
  app.get(
    path,
    afterAwait
      ? async () => {
          await read();
          return answer();
        }
      : sameHeaders
        ? answer
        : (c) => c.json(value),
  );
}

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' },
  (info) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
  },
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
