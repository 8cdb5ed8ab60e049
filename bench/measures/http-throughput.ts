import autocannon from 'autocannon';
import type { BenchContext } from '../lib/context.js';
import { interleaved } from '../lib/interleave.js';
import { processCpuMs } from '../lib/process-cpu.js';
import type { FastApiPython } from '../lib/python.js';
import { type MeasureResult, type Row, ratio } from '../lib/result.js';
import {
  fastApiServer,
  type LaunchedServer,
  launch,
  minimalHonoServer,
  ourServer,
  rawServer,
  type ServerSpec,
} from '../lib/servers.js';
import type { ServingFixture } from '../lib/serving-fixture.js';
import { formatSample, ratioOf, summarize } from '../lib/stats.js';

type Server = 'ours' | 'hono' | 'honoHeaders' | 'honoAwaited' | 'floor' | 'fastapi';

async function drive(url: string, seconds: number, connections: number, pid?: number) {
  const cpuBefore = await processCpuMs(pid);
  // Each answer's own time: autocannon's histogram keeps whole milliseconds, in which a fast server's p99
  // is 0 and a ratio to it means nothing.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const running = autocannon({ url, connections, duration: seconds }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    running.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
    });
  });
  const cpuAfter = await processCpuMs(pid);
  if (result.non2xx || result.errors) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
  return { perSecond: result.requests.average, p99: percentile(latencies, 0.99), cpuUsPerRequest };
}

/** The value `share` of `values` are at or below (nearest rank); NaN when there are none. */
function percentile(values: number[], share: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Warm throughput over loopback: autocannon against our local server (memory provider), a minimal Hono app
 * on @hono/node-server answering the same JSON (the framework's own ceiling, which the target is set
 * against), the same app sending our headers too and then also answering after one await (informative: what
 * the contract's headers, and a handler that reads storage, cost any Hono app), raw node:http answering the same bytes (the absolute floor), and the FastAPI peer, in rotating
 * order each round. Each server is its own process, so on two cores the server gets one and autocannon the
 * other.
 */
export async function measureHttpThroughput(
  ctx: BenchContext,
  serving: ServingFixture,
  peer: FastApiPython | undefined,
): Promise<MeasureResult> {
  const { scale, progress, entries } = ctx;
  const specs = new Map<Server, ServerSpec>([
    ['ours', ourServer(entries.appServer, serving.fixture, serving.dataDir)],
    ['hono', minimalHonoServer(entries.minimalHonoServer, serving.replies)],
    ['honoHeaders', minimalHonoServer(entries.minimalHonoServer, serving.replies, 'headers')],
    ['honoAwaited', minimalHonoServer(entries.minimalHonoServer, serving.replies, 'awaited')],
    ['floor', rawServer(entries.rawHttpServer, serving.replies)],
  ]);
  if (peer) specs.set('fastapi', fastApiServer(peer.python, serving.peerData));
  const names = [...specs.keys()];
  const servers = new Map<Server, LaunchedServer>();
  const urlOf = (name: Server, path: string) => `${servers.get(name)?.url}${path}`;
  try {
    for (const [name, spec] of specs) servers.set(name, await launch(spec, serving.routes[0]?.path ?? '/'));
    const rows: Row[] = [];
    for (const route of serving.routes) {
      if (scale.http.warmSeconds > 0) {
        for (const name of names)
          await drive(urlOf(name, route.path), scale.http.warmSeconds, scale.http.connections);
      }
      const p99: Record<string, number[]> = {};
      const cpu: Record<string, number[]> = {};
      const perSecond = await interleaved(scale.http.rounds, names, async (name, round) => {
        progress.step(
          `warm throughput: ${route.label} on ${specs.get(name)?.name}, round ${round + 1}/${scale.http.rounds}`,
        );
        const run = await drive(
          urlOf(name, route.path),
          scale.http.seconds,
          scale.http.connections,
          servers.get(name)?.pid,
        );
        p99[name] ??= [];
        p99[name].push(run.p99);
        if (run.cpuUsPerRequest !== undefined) {
          cpu[name] ??= [];
          cpu[name].push(run.cpuUsPerRequest);
        }
        return run.perSecond;
      });
      rows.push(...throughputRows(route.label, perSecond, p99, cpu, scale.http.connections));
    }
    return { rows };
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
}

function throughputRows(
  label: string,
  perSecond: Record<string, number[]>,
  p99: Record<string, number[]>,
  cpu: Record<string, number[]>,
  connections: number,
): Row[] {
  const rps = (name: string) => summarize(perSecond[name] ?? []);
  const tail = (name: string) => summarize(p99[name] ?? []);
  const warm = ratioOf(rps('ours'), rps('hono'));
  const latency = ratioOf(tail('ours'), tail('hono'));
  const rows: Row[] = [
    {
      measure: `Warm req/s, ${label} (local server, memory provider)`,
      ours: formatSample(rps('ours'), 'req/s', 0),
      floor: `minimal Hono, same JSON: ${formatSample(rps('hono'), 'req/s', 0)}`,
      value: warm,
      shown: ratio(warm),
      target: { op: '>=', limit: 0.8, unit: '×' },
      note: `autocannon, ${connections} connections over loopback; minimal Hono ÷ node:http ${ratio(ratioOf(rps('hono'), rps('floor')))}`,
    },
    ...cpuRows(label, cpu),
    {
      measure: `Warm req/s, ${label}, ours ÷ minimal Hono sending our headers`,
      ours: formatSample(rps('ours'), 'req/s', 0),
      floor: `minimal Hono, same JSON and headers: ${formatSample(rps('honoHeaders'), 'req/s', 0)}`,
      shown: ratio(ratioOf(rps('ours'), rps('honoHeaders'))),
      note: `informative, no target: every header our answer carries (security, CORS, ETag, request id) sent by the minimal app as one plain record; it runs at ${ratio(ratioOf(rps('honoHeaders'), rps('hono')))} of the minimal app without them`,
    },
    {
      measure: `Warm req/s, ${label}, ours ÷ minimal Hono sending our headers after one await`,
      ours: formatSample(rps('ours'), 'req/s', 0),
      floor: `minimal Hono, same JSON and headers, one await: ${formatSample(rps('honoAwaited'), 'req/s', 0)}`,
      shown: ratio(ratioOf(rps('ours'), rps('honoAwaited'))),
      note: `informative, no target: the same app answering after awaiting one read of data already in memory, as a handler reading DynamoDB must (its answer reaches @hono/node-server as a promise, not a ready Response; ours answers a post read from memory at once, src/domain/shared/awaitable.ts); it runs at ${ratio(ratioOf(rps('honoAwaited'), rps('hono')))} of the minimal app`,
    },
    {
      measure: `Warm req/s, ${label}, ours ÷ raw node:http`,
      ours: formatSample(rps('ours'), 'req/s', 0),
      floor: `node:http same bytes: ${formatSample(rps('floor'), 'req/s', 0)}`,
      shown: ratio(ratioOf(rps('ours'), rps('floor'))),
      note: 'the absolute floor; no target (the target is against minimal Hono, above)',
    },
    {
      measure: `Warm p99 latency, ${label}`,
      ours: formatSample(tail('ours'), 'ms', 2),
      floor: `minimal Hono: ${formatSample(tail('hono'), 'ms', 2)}`,
      value: latency,
      shown: ratio(latency),
      target: { op: '<=', limit: 2, unit: '×' },
      note: `lower is better; each answer timed on its own; node:http: ${formatSample(tail('floor'), 'ms', 2)}`,
    },
  ];
  if (perSecond.fastapi) {
    const peer = ratioOf(rps('ours'), rps('fastapi'));
    rows.push({
      measure: `Peer: req/s, ${label}, ours ÷ FastAPI`,
      ours: formatSample(rps('ours'), 'req/s', 0),
      floor: `FastAPI + uvicorn: ${formatSample(rps('fastapi'), 'req/s', 0)} (p99 ${tail('fastapi').median.toFixed(2)} ms)`,
      shown: ratio(peer),
      note: 'higher is better for us; same JSON, one process each',
    });
  }
  return rows;
}

/**
 * The servers' own CPU time per request over the same runs (where /proc tells it): the work each does per
 * answer, which the scheduling of two processes on two cores moves far less than it moves req/s.
 */
function cpuRows(label: string, cpu: Record<string, number[]>): Row[] {
  const { ours, hono, honoAwaited } = cpu;
  if (!ours?.length || !hono?.length) return [];
  const perRequest = (values: number[]) => formatSample(summarize(values), 'µs', 1);
  return [
    {
      measure: `Warm CPU per request, ${label}: ours ÷ minimal Hono`,
      ours: perRequest(ours),
      floor: `minimal Hono, same JSON: ${perRequest(hono)}`,
      shown: ratio(ratioOf(summarize(ours), summarize(hono))),
      note: `informative, no target; lower is better: the server process's CPU time (every thread) during the req/s runs above ÷ the requests it answered${honoAwaited?.length ? `; the minimal app with our headers after one await: ${perRequest(honoAwaited)}` : ''}`,
    },
  ];
}
