import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_FAN_OUT } from '../../src/domain/realtime/fan-out.js';
import { runJson } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { interleaved } from '../lib/interleave.js';
import { type MeasureResult, type Row, ratio } from '../lib/result.js';
import { formatSample, ratioOf, summarize } from '../lib/stats.js';

/**
 * Fan-out: one comment, written through the API, pushed to N subscribers of its post by the local gateway
 * (stream record → subscribers query → SigV4-signed PostToConnection per connection through the
 * management API, as in AWS). Time from the POST until the last subscriber has the frame, ÷ two floors:
 * - the fairer one, which the target is on: as many unsigned keep-alive POSTs to the same gateway's
 *   `@connections` API at the same concurrency, with no store lookups;
 * - a bare `ws` loop sending the frame to as many sockets, for scale: no HTTP at all.
 * All three run alike: each round a fresh bundled process holding the server and its N clients (one process
 * could not hold two sets of file descriptors), one warm-up push, then the timed one.
 */
export async function measureFanOut(ctx: BenchContext): Promise<MeasureResult> {
  const { scale, progress, entries } = ctx;
  const { concurrency } = DEFAULT_FAN_OUT;
  const probe = (entry: string, args: string[]) =>
    runJson<{ ms: number; cpuMs: number; frame?: string }>(process.execPath, [entry, ...args], {
      timeoutMs: 180_000,
    });
  const stack = (size: number, round: string) =>
    probe(entries.stackFanOutProbe, [String(size), join(ctx.work, `fan-out-${size}-${round}`)]);
  const rows: Row[] = [];
  for (const size of scale.fanOut.sizes) {
    progress.step(`fan-out to ${size}: the full path once, for the frame the floors will send`);
    const frame = (await stack(size, 'frame')).frame ?? '';
    const frameFile = join(ctx.work, `frame-${size}.txt`);
    await writeFile(frameFile, frame);
    const variants = ['full path', 'post floor', 'ws floor'] as const;
    const cpu: Record<(typeof variants)[number], number[]> = {
      'full path': [],
      'post floor': [],
      'ws floor': [],
    };
    const runs = await interleaved(scale.fanOut.rounds, variants, async (variant, round) => {
      progress.step(`fan-out to ${size}: ${variant}, round ${round + 1}/${scale.fanOut.rounds}`);
      const trial = await (variant === 'full path'
        ? stack(size, String(round))
        : variant === 'post floor'
          ? probe(entries.gatewayPostFanOutProbe, [String(size), String(concurrency), frameFile])
          : probe(entries.rawFanOutProbe, [String(size), frameFile]));
      cpu[variant].push(trial.cpuMs);
      return trial.ms;
    });
    const ours = summarize(runs['full path']);
    const postFloor = summarize(runs['post floor']);
    const wsFloor = summarize(runs['ws floor']);
    const oursCpu = summarize(cpu['full path']);
    const postFloorCpu = summarize(cpu['post floor']);
    rows.push(
      {
        measure: `Fan-out: one comment → ${size} subscribers, until the last has it`,
        ours: formatSample(ours, 'ms'),
        floor: `unsigned keep-alive POSTs to @connections: ${formatSample(postFloor, 'ms')}`,
        value: ratioOf(ours, postFloor),
        shown: ratio(ratioOf(ours, postFloor)),
        target: { op: '<=', limit: 1.5, unit: '×' },
        note: `${Buffer.byteLength(frame)} B frame; ours: stream record, subscribers query, a SigV4-signed PostToConnection per connection (verified by the gateway), ${concurrency} in flight; the floor: the same gateway, ${concurrency} in flight, no signing, no store`,
      },
      {
        measure: `Fan-out to ${size}: CPU time of the process, ÷ the unsigned POSTs' (informative)`,
        ours: formatSample(oursCpu, 'ms'),
        floor: `unsigned keep-alive POSTs to @connections: ${formatSample(postFloorCpu, 'ms')}`,
        value: ratioOf(oursCpu, postFloorCpu),
        shown: ratio(ratioOf(oursCpu, postFloorCpu)),
        note: 'the same runs, in CPU time of the probe process (server, pushes and clients, every thread): the work each path does, which a busy machine’s waits do not inflate as they do wall time',
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
}
