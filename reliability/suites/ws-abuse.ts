/**
 * Suite 5, security over WebSocket: abuse stays bounded. Oversized frames and messages close the connection
 * with 1009, a subscribe flood is cut off with rate_limited after 50 posts (the connection stays usable),
 * a burst of frames is answered in full, and idle connections are accepted up to the gateway's
 * maxConnections, refused beyond it, and accepted again once one leaves.
 */
import WebSocket from 'ws';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../src/domain/realtime/connection.js';
import { localWebSocketGatewayDefaults } from '../../src/local/websocket/gateway-options.js';
import { startLocalWebSocketGateway } from '../../src/local/websocket/websocket-gateway.js';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';
import { type Progress, quiet, type SuiteResult } from '../support/report.js';
import { createPost, pool } from '../support/world.js';
import { openRaw } from './bad-input.js';
import type { CheckResult } from './security.js';

/** Resolves with the close code the server sent. */
function closeCode(ws: WebSocket, timeoutMs = 10_000): Promise<number | 'open'> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
    const timer = setTimeout(() => resolve('open'), timeoutMs);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** A frame of `bytes` in one piece, and a message of `bytes` in frames under the frame limit: both 1009. */
export async function checkOversized(stack: TestStack): Promise<CheckResult> {
  const violations: string[] = [];
  const frame = await openRaw(stack.wsUrl);
  frame.ws.send(`{"action":"ping","pad":"${'x'.repeat(localWebSocketGatewayDefaults.maxFrameBytes)}"}`);
  const frameClose = await closeCode(frame.ws);
  if (frameClose !== 1009)
    violations.push(`a ${localWebSocketGatewayDefaults.maxFrameBytes + 30}-byte frame: close ${frameClose}`);

  const message = await openRaw(stack.wsUrl);
  const chunk = 'y'.repeat(30 * 1024);
  const pieces = Math.ceil(localWebSocketGatewayDefaults.maxMessageBytes / chunk.length) + 1;
  for (let i = 0; i < pieces; i++) message.ws.send(chunk, { fin: i === pieces - 1 });
  const messageClose = await closeCode(message.ws);
  if (messageClose !== 1009)
    violations.push(`a ${pieces * 30} KiB message in 30 KiB frames: close ${messageClose}`);

  // Just under the limits still works.
  const fine = await openRaw(stack.wsUrl);
  fine.ws.send(`{"action":"ping","pad":"${'z'.repeat(1000)}"}`);
  const reply = (await fine.next(5_000)) as { type?: string; code?: string } | undefined;
  if (reply?.type !== 'error' || reply.code !== 'bad_request')
    violations.push(`a small bad frame answered ${JSON.stringify(reply)}`);
  fine.ws.terminate();
  return { requests: pieces + 2, violations };
}

/** Subscribing to more posts than the limit: rate_limited, the connection stays open, unsubscribing frees a slot. */
export async function checkSubscribeFlood(stack: TestStack, burst: number): Promise<CheckResult> {
  const violations: string[] = [];
  const limit = MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const token = await stack.token('flooder');
  const posts: string[] = [];
  await pool(limit + 5, 4, async () => {
    posts.push((await createPost(stack.apiUrl, token)).id);
  });
  const socket = await openRaw(stack.wsUrl);
  try {
    const codes: string[] = [];
    for (const postId of posts) {
      socket.ws.send(JSON.stringify({ action: 'subscribe', postId }));
      const reply = (await socket.next(5_000)) as { type?: string; code?: string } | undefined;
      codes.push(reply?.type === 'error' ? `error:${reply.code}` : String(reply?.type));
    }
    const accepted = codes.filter((c) => c === 'subscribed').length;
    if (accepted !== limit) violations.push(`${accepted} subscriptions accepted, expected ${limit}`);
    if (codes.slice(limit).some((c) => c !== 'error:rate_limited'))
      violations.push(`past the limit: ${codes.slice(limit).join(', ')}`);
    // Re-subscribing to a post already held is not a new subscription.
    socket.ws.send(JSON.stringify({ action: 'subscribe', postId: posts[0] }));
    const again = (await socket.next(5_000)) as { type?: string } | undefined;
    if (again?.type !== 'subscribed')
      violations.push(`re-subscribing to a held post: ${JSON.stringify(again)}`);
    socket.ws.send(JSON.stringify({ action: 'unsubscribe', postId: posts[0] }));
    await socket.next(5_000);
    socket.ws.send(JSON.stringify({ action: 'subscribe', postId: posts[limit] }));
    const freed = (await socket.next(5_000)) as { type?: string } | undefined;
    if (freed?.type !== 'subscribed')
      violations.push(`after unsubscribing, a new subscription: ${JSON.stringify(freed)}`);
    // A burst of frames: every one answered, in order, and the connection still open.
    for (let i = 0; i < burst; i++) socket.ws.send('{"action":"ping"}');
    let pongs = 0;
    for (let i = 0; i < burst; i++)
      if (((await socket.next(10_000)) as { type?: string } | undefined)?.type === 'pong') pongs++;
    if (pongs !== burst) violations.push(`${pongs} pongs for a burst of ${burst} pings`);
    if (socket.ws.readyState !== WebSocket.OPEN) violations.push('the connection closed after the flood');
    return { requests: posts.length + 3 + burst, violations };
  } finally {
    socket.ws.terminate();
  }
}

/** Idle connections up to maxConnections are held; the next is refused with 429; one leaving makes room. */
export async function checkIdleConnections(
  maxConnections: number,
  progress: Progress = quiet,
): Promise<CheckResult> {
  const violations: string[] = [];
  const gateway = await startLocalWebSocketGateway({
    handler: async () => ({ statusCode: 200 }),
    options: { port: 0, maxConnections },
    log: { warn: () => undefined, error: () => undefined },
  });
  const clients: WebSocket[] = [];
  const open = () =>
    new Promise<WebSocket | number>((resolve) => {
      const ws = new WebSocket(gateway.url);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', () => resolve(0));
    });
  try {
    await pool(maxConnections, 50, async (i) => {
      const result = await open();
      if (typeof result === 'number') violations.push(`idle connection ${i} refused with ${result}`);
      else clients.push(result);
      if ((i + 1) % 1000 === 0) progress(`ws abuse: ${i + 1} idle connections open`);
    });
    if (gateway.connectionCount() !== maxConnections)
      violations.push(`${gateway.connectionCount()} connections held, expected ${maxConnections}`);
    const extra = await open();
    if (extra !== 429)
      violations.push(`connection ${maxConnections + 1}: ${typeof extra === 'number' ? extra : 'accepted'}`);
    if (typeof extra !== 'number') extra.terminate();
    const leaving = clients.pop();
    if (leaving) {
      await new Promise<void>((resolve) => {
        leaving.once('close', () => resolve());
        leaving.close();
      });
      // The gateway forgets the connection when its socket closes; give it the moment that takes.
      for (let i = 0; i < 50 && gateway.connectionCount() >= maxConnections; i++)
        await new Promise((r) => setTimeout(r, 20));
      const again = await open();
      if (typeof again === 'number')
        violations.push(`after one left, a new connection was refused with ${again}`);
      else clients.push(again);
    }
    return { requests: maxConnections + 2, violations };
  } finally {
    for (const ws of clients) ws.terminate();
    await gateway.close();
  }
}

export async function runWebSocketAbuse(options: {
  idleConnections: number;
  progress?: Progress;
}): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const results: [string, CheckResult][] = [];
  const stack = await startTestStack('dynamodb');
  try {
    progress('ws abuse: oversized frames and messages');
    results.push(['oversized', await checkOversized(stack)]);
    progress('ws abuse: subscribe flood and frame burst');
    results.push(['flood', await checkSubscribeFlood(stack, 1_000)]);
  } finally {
    await stack.close();
  }
  progress(`ws abuse: ${options.idleConnections} idle connections`);
  results.push(['idle', await checkIdleConnections(options.idleConnections, progress)]);
  const violations = results.flatMap(([name, r]) => r.violations.map((v) => `${name}: ${v}`));
  const requests = results.reduce((sum, [, r]) => sum + r.requests, 0);
  return {
    suite: 'security (WebSocket abuse)',
    inputs: requests,
    requests,
    errors: violations.length,
    violations,
    note: `${options.idleConnections} idle connections held at maxConnections, the next refused with 429`,
  };
}
