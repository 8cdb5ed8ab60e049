import { join } from 'node:path';
import { startBenchDynamoDb } from '../lib/bench-dynamodb.js';
import { runJson } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { costTable, withCpuProfile } from '../lib/cpu-profile.js';
import { deployedEnv, TRACED_LAMBDA_ENV } from '../lib/deployed-env.js';
import { benchPosts } from '../lib/fixture.js';
import { interleaved } from '../lib/interleave.js';
import { apiEvent, writeJson } from '../lib/lambda-events.js';
import { type MeasureResult, type Row, ratio, type Section } from '../lib/result.js';
import { formatSample, ratioOf, type Sample, summarize } from '../lib/stats.js';

/** `deployed` is the API bundle again, configured and traced as in AWS (see below). */
type Variant = 'api' | 'hono' | 'constant' | 'deployed';
const VARIANTS: readonly Variant[] = ['api', 'hono', 'constant', 'deployed'];

/** µs per event from a sample of events per CPU-second: the median, with the range of the runs. */
const formatMicros = (rate: Sample) => {
  const us = (perSecond: number) => (1e6 / perSecond).toFixed(1);
  if (rate.runs === 1) return `${us(rate.median)} µs/event`;
  return `${us(rate.median)} µs/event (${us(rate.max)}–${us(rate.min)}, n=${rate.runs})`;
};

const ROUTES = [
  { label: 'GET /api/posts/{id}', event: apiEvent('GET', '/api/posts/{{id}}') },
  { label: 'GET /api/posts', event: apiEvent('GET', '/api/posts') },
];

/** Our API's in-process rate per route, for the cost sketch: ms of handler time per request. */
export type HandlerRates = Record<string, Sample>;

/**
 * The API Lambda handler invoked in-process, event after event, against the constant handler: the cost of
 * our Lambda door and app per request, without the network. Local configuration on the memory
 * provider (seeded through the handler itself), so storage costs nothing and no tracer runs. Beside it,
 * informative, the same bundle as deployed: DynamoDB through the thin client (on dynalite, seeded directly: there
 * are no dev tokens outside `local`), Cognito, metrics, and the tracer on as under `Tracing: Active`.
 */
export async function measureLambdaThroughput(
  ctx: BenchContext,
): Promise<MeasureResult & { rates: HandlerRates }> {
  const db = await startBenchDynamoDb();
  try {
    return await measureWith(ctx, db);
  } finally {
    await db.close();
  }
}

async function measureWith(
  ctx: BenchContext,
  db: Awaited<ReturnType<typeof startBenchDynamoDb>>,
): Promise<MeasureResult & { rates: HandlerRates }> {
  const { scale, progress, entries } = ctx;
  const token = apiEvent('POST', '/api/dev/token', {
    method: 'POST',
    path: '/api/dev/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'bench', name: 'Bench' }),
  });
  const create = (i: number) =>
    apiEvent('POST', '/api/posts', {
      method: 'POST',
      path: '/api/posts',
      headers: { 'content-type': 'application/json', authorization: 'Bearer {{token}}' },
      body: JSON.stringify({
        title: `Post ${i}`,
        body: 'A post of ordinary length for the benchmark. '.repeat(8),
      }),
    });
  const script = await writeJson(ctx.work, 'handler-loop.json', {
    setup: [token, ...Array.from({ length: scale.posts }, (_, i) => create(i))],
    measured: ROUTES,
  });
  const posts = benchPosts(scale.posts);
  for (const post of posts) await db.storage.posts.create(post);
  const deployedScript = await writeJson(ctx.work, 'handler-loop-deployed.json', {
    setup: [],
    measured: ROUTES.map(({ label, event }) => ({
      label,
      event: JSON.parse(JSON.stringify(event).replaceAll('{{id}}', posts[0]?.id ?? '')),
    })),
  });
  const env: Record<string, string> = {
    APP_ENVIRONMENT: 'local',
    APP_REPOSITORY_PROVIDER: 'memory',
    APP_DATA_DIR: join(ctx.work, 'handler-loop-data'),
    LOG_LEVEL: 'ERROR',
    NODE_NO_WARNINGS: '1',
  };
  // LOG_LEVEL as in the local runs, so the two differ only by configuration, not by a log line per event.
  const deployed = {
    ...deployedEnv(db, join(ctx.work, 'handler-loop-deployed-data')),
    ...TRACED_LAMBDA_ENV,
    LOG_LEVEL: 'ERROR',
  };
  const bundles = {
    api: join(ctx.distDir, 'ApiFunction', 'index.mjs'),
    hono: entries.minimalHonoBundle,
    constant: entries.constantBundle,
    deployed: join(ctx.distDir, 'ApiFunction', 'index.mjs'),
  };
  const { warmMs, measureMs, rounds } = scale.handlerLoop;
  const loop = (variant: Variant, flags: string[] = [], ms = [warmMs, measureMs]) =>
    runJson<{
      perSecond: Record<string, number>;
      perCpuSecond: Record<string, number>;
      bodies: Record<string, unknown>;
    }>(
      process.execPath,
      [
        ...flags,
        entries.handlerLoopProbe,
        bundles[variant],
        variant === 'deployed' ? deployedScript : script,
        ...ms.map(String),
      ],
      { env: variant === 'deployed' ? deployed : env },
    );
  progress.step('Lambda handler in-process: the API’s answers, for the minimal Hono floor to give');
  const { bodies } = await loop('api', [], [1, 1]);
  env.BENCH_ROUTE_BODIES = await writeJson(ctx.work, 'handler-route-bodies.json', bodies);
  const perRoute: Record<string, Record<Variant, number[]>> = {};
  const perRouteCpu: Record<string, Record<Variant, number[]>> = {};
  const record = (into: typeof perRoute, variant: Variant, rates: Record<string, number>) => {
    for (const [label, value] of Object.entries(rates)) {
      into[label] ??= { api: [], hono: [], constant: [], deployed: [] };
      into[label][variant].push(value);
    }
  };
  await interleaved(rounds, VARIANTS, async (variant, round) => {
    progress.step(`Lambda handler in-process: ${variant}, round ${round + 1}/${rounds}`);
    const { perSecond, perCpuSecond } = await loop(variant);
    record(perRoute, variant, perSecond);
    record(perRouteCpu, variant, perCpuSecond);
    return 0;
  });
  const rates: HandlerRates = {};
  const rows: Row[] = Object.entries(perRoute).flatMap(([label, runs]) => {
    const api = summarize(runs.api);
    const constant = summarize(runs.constant);
    const apiCpu = summarize(perRouteCpu[label]?.api ?? []);
    const honoCpu = summarize(perRouteCpu[label]?.hono ?? []);
    const deployedCpu = summarize(perRouteCpu[label]?.deployed ?? []);
    rates[label] = api;
    // Time per event is the inverse of events per second: ours ÷ the floor's = its rate ÷ ours.
    const perEvent = ratioOf(honoCpu, apiCpu);
    const asDeployed = ratioOf(apiCpu, deployedCpu);
    return [
      {
        measure: `Lambda handler in-process, ${label}: CPU time per event, ours ÷ minimal Hono`,
        ours: formatMicros(apiCpu),
        floor: `minimal Hono, same adapter: ${formatMicros(honoCpu)}`,
        value: perEvent,
        shown: ratio(perEvent),
        target: { op: '<=', limit: 2, unit: '×' },
        note: 'lower is better; same JSON through src/http/lambda-handler.ts, no middleware in the floor; CPU time, so waits on a shared machine do not count',
      },
      {
        measure: `Lambda handler in-process, ${label}: events/s`,
        ours: formatSample(api, 'ev/s', 0),
        floor: `constant handler: ${formatSample(constant, 'ev/s', 0)}`,
        shown: ratio(ratioOf(api, constant)),
        note: `≈ ${(1000 / api.median).toFixed(3)} ms of handler per request; the absolute floor, no target`,
      },
      {
        measure: `Lambda handler in-process, ${label}, as deployed: CPU time per event, ÷ the local configuration`,
        ours: formatMicros(deployedCpu),
        floor: `local configuration (memory, no tracer): ${formatMicros(apiCpu)}`,
        value: asDeployed,
        shown: ratio(asDeployed),
        note: 'informative, no target; the same bundle configured as deployed: DynamoDB through the thin client, signed (dynalite answering in another process, so its CPU is not counted), Cognito, EMF metrics, X-Ray tracing on (a subsegment per invocation and per DynamoDB call, sent over UDP)',
      },
    ];
  });
  if (!scale.coldStart.profile) return { rows, rates };
  progress.step('Lambda handler in-process: --cpu-prof of the API');
  const costs = await withCpuProfile(join(ctx.work, 'cpu-prof-warm'), (flags) => loop('api', flags));
  const section: Section = {
    title: 'Warm requests: where the CPU goes (the API handler in-process, one `--cpu-prof` run)',
    markdown: [
      `Seeding, then ${warmMs + measureMs} ms of each measured route, event after event; start-up is in the`,
      'first rows (V8 compile, Node), the rest is per request. Charged by module as for the cold start.',
      '',
      costTable(costs, 'API handler'),
    ].join('\n'),
  };
  return { rows, rates, sections: [section] };
}
