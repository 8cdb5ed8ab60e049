/**
 * The throughput floor: plain node:http answering each path with the exact status, headers and body our
 * API answered it with (captured by the runner), so the only difference measured is the work behind them.
 * Env: PORT, BENCH_REPLIES (JSON: { [path]: { status, headers, body (base64) } }).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

const file = process.env.BENCH_REPLIES;
if (!file) throw new Error('BENCH_REPLIES is required');
const replies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Reply>).map(([path, reply]) => [
    path,
    { ...reply, body: Buffer.from(reply.body, 'base64') },
  ]),
);

const server = createServer((req, res) => {
  const reply = replies.get(req.url ?? '');
  if (!reply) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
