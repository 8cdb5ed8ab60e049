import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { startLocalStack } from '../../src/composition/local-stack.js';
import { loadConfig } from '../../src/config/config.js';
import { DEFAULT_FAN_OUT } from '../../src/domain/realtime/fan-out.js';
import { apiRequest } from '../../test/support/api-request.js';
import { runJson } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { interleaved } from '../lib/interleave.js';
import { type MeasureResult, type Row, ratio } from '../lib/result.js';
import { formatSample, ratioOf, summarize } from '../lib/stats.js';
import { openClients } from '../lib/ws-clients.js';

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

/**
 * Fan-out: one comment, written through the API, pushed to N subscribers of its post by the local gateway
 * (stream record → subscribers query → SigV4-signed PostToConnection per connection through the
 * management API, as in AWS). Time from the POST until the last subscriber has the frame, ÷ two floors,
 * each in a process of its own (both would not fit one process's file descriptors beside the stack):
 * - the fairer one, which the target is on: as many unsigned keep-alive POSTs to the same gateway's
 *   `@connections` API at the same concurrency, with no store lookups;
 * - a bare `ws` loop sending the frame to as many sockets, for scale: no HTTP at all.
 * The stack and its clients share this process, on the memory provider; so does each floor with its clients.
 */
export async function measureFanOut(ctx: BenchContext): Promise<MeasureResult> {
  const { scale, progress } = ctx;
  const sizes = scale.fanOut.sizes;
  const most = Math.max(...sizes);
  const stack = await startLocalStack(
    loadConfig({
      APP_REPOSITORY_PROVIDER: 'memory',
      PORT: '0',
      WS_PORT: '0',
      APP_DATA_DIR: join(ctx.work, 'fan-out-data'),
      LOG_LEVEL: 'ERROR',
    }),
  );
  const pools: { close(): Promise<void> }[] = [];
  try {
    const token = (await apiRequest(stack.apiUrl, 'POST', '/api/dev/token', { body: { userId: 'bench' } }))
      .body.token as string;
    const posts = new Map<number, string>();
    for (const size of sizes) {
      const created = await apiRequest(stack.apiUrl, 'POST', '/api/posts', {
        token,
        body: { title: `to ${size}`, body: 'b' },
      });
      posts.set(size, created.body.id as string);
    }
    progress.step(`fan-out: connecting ${most} clients to the gateway`);
    const gatewayClients = await openClients(stack.wsUrl, most);
    pools.push(gatewayClients);
    progress.step('fan-out: subscribing');
    for (const size of sizes) {
      const postId = posts.get(size) as string;
      await Promise.all(gatewayClients.clients.slice(0, size).map((ws) => subscribe(ws, postId)));
    }
    let frame = '';
    gatewayClients.clients[0]?.on('message', (data) => {
      frame = String(data);
    });
    const comment = (size: number) => async () => {
      const created = await apiRequest(stack.apiUrl, 'POST', `/api/posts/${posts.get(size)}/comments`, {
        token,
        body: { body: 'A comment for every reader of this post.' },
      });
      if (created.status !== 201) throw new Error(`comment answered ${created.status}`);
    };
    const { concurrency } = DEFAULT_FAN_OUT;
    const probe = (entry: string, args: string[]) =>
      runJson<{ ms: number }>(process.execPath, [entry, ...args]).then((result) => result.ms);
    const rows: Row[] = [];
    for (const size of sizes) {
      // Warm-up, and the frame the floors will send: the gateway's own.
      await gatewayClients.trial(size, comment(size));
      const frameFile = join(ctx.work, `frame-${size}.txt`);
      await writeFile(frameFile, frame);
      const variants = ['gateway', 'post floor', 'ws floor'] as const;
      const runs = await interleaved(scale.fanOut.rounds, variants, (variant, round) => {
        progress.step(`fan-out to ${size}: ${variant}, round ${round + 1}/${scale.fanOut.rounds}`);
        switch (variant) {
          case 'gateway':
            return gatewayClients.trial(size, comment(size));
          case 'post floor':
            return probe(ctx.entries.gatewayPostFanOutProbe, [String(size), String(concurrency), frameFile]);
          case 'ws floor':
            return probe(ctx.entries.rawFanOutProbe, [String(size), frameFile]);
        }
      });
      const ours = summarize(runs.gateway);
      const postFloor = summarize(runs['post floor']);
      const wsFloor = summarize(runs['ws floor']);
      const bytes = Buffer.byteLength(frame);
      rows.push(
        {
          measure: `Fan-out: one comment → ${size} subscribers, until the last has it`,
          ours: formatSample(ours, 'ms'),
          floor: `unsigned keep-alive POSTs to @connections: ${formatSample(postFloor, 'ms')}`,
          value: ratioOf(ours, postFloor),
          shown: ratio(ratioOf(ours, postFloor)),
          target: { op: '<=', limit: 1.5, unit: '×' },
          note: `${bytes} B frame; ours: stream record, subscribers query, a SigV4-signed PostToConnection per connection (verified by the gateway), ${concurrency} in flight; the floor: the same gateway, ${concurrency} in flight, no signing, no store`,
        },
        {
          measure: `Fan-out to ${size}, ÷ a bare ws send loop (informative)`,
          ours: formatSample(ours, 'ms'),
          floor: `bare ws send loop: ${formatSample(wsFloor, 'ms')}`,
          value: ratioOf(ours, wsFloor),
          shown: ratio(ratioOf(ours, wsFloor)),
          note: 'no HTTP between the push and the socket: what any HTTP push API adds on top shows here',
        },
      );
    }
    return { rows };
  } finally {
    for (const pool of pools) await pool.close();
    await stack.close();
  }
}
