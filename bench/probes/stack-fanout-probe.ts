/**
 * The full fan-out path in a process of its own, bundled like the floors' probes, so all three start alike
 * (fresh, no TypeScript loader, one warm-up push): the local stack on the memory provider, N clients
 * subscribed to one post, then one comment written through the API and timed until the last client has
 * its frame (stream record → subscribers query → signed pushes → frames delivered). Prints
 * {"ms": …, "cpuMs": …, "frame": …}.
 * Usage: node stack-fanout-probe.mjs <count> <data dir>
 */
import type WebSocket from 'ws';
import { startLocalStack } from '../../src/composition/local-stack.js';
import { loadConfig } from '../../src/config/config.js';
import { apiRequest } from '../../test/support/api-request.js';
import { openClients } from '../lib/ws-clients.js';

const [count, dataDir] = process.argv.slice(2);
const size = Number(count);

/** Subscribes a client to a post over the gateway and waits for the acknowledgement. */
function subscribe(ws: WebSocket, postId: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      if (!String(data).includes('"subscribed"')) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ action: 'subscribe', postId }));
  });
}

const stack = await startLocalStack(
  loadConfig({
    APP_REPOSITORY_PROVIDER: 'memory',
    PORT: '0',
    WS_PORT: '0',
    APP_DATA_DIR: dataDir ?? '',
    LOG_LEVEL: 'ERROR',
  }),
);
const token = (await apiRequest(stack.apiUrl, 'POST', '/api/dev/token', { body: { userId: 'bench' } })).body
  .token as string;
const created = await apiRequest(stack.apiUrl, 'POST', '/api/posts', {
  token,
  body: { title: `to ${size}`, body: 'b' },
});
const postId = created.body.id as string;
const clients = await openClients(stack.wsUrl, size);
await Promise.all(clients.clients.map((ws) => subscribe(ws, postId)));
let frame = '';
clients.clients[0]?.on('message', (data) => {
  frame = String(data);
});
const comment = async () => {
  const answer = await apiRequest(stack.apiUrl, 'POST', `/api/posts/${postId}/comments`, {
    token,
    body: { body: 'A comment for every reader of this post.' },
  });
  if (answer.status !== 201) throw new Error(`comment answered ${answer.status}`);
};
await clients.trial(size, comment);
const { ms, cpuMs } = await clients.trial(size, comment);
process.stdout.write(`${JSON.stringify({ ms, cpuMs, frame })}\n`);
process.exit(0);
