import { join } from 'node:path';
import { runJson } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { costTable, withCpuProfile } from '../lib/cpu-profile.js';
import { interleaved } from '../lib/interleave.js';
import { apiEvent, writeJson } from '../lib/lambda-events.js';
import { type MeasureResult, type Row, ratio, type Section } from '../lib/result.js';
import { formatSample, ratioOf, type Sample, summarize } from '../lib/stats.js';

const ROUTES = [
  { label: 'GET /api/posts/{id}', event: apiEvent('GET', '/api/posts/{{id}}') },
  { label: 'GET /api/posts', event: apiEvent('GET', '/api/posts') },
];

/** Our API's in-process rate per route, for the cost sketch: ms of handler time per request. */
export type HandlerRates = Record<string, Sample>;

/**
 * The API Lambda handler invoked in-process, event after event, against the constant handler: the cost of
 * Hono's Lambda adapter and our app per request, without the network. Local configuration on the memory
 * provider (seeded through the handler itself), so storage costs nothing and no tracer runs.
 */
export async function measureLambdaThroughput(
  ctx: BenchContext,
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
  const env = {
    APP_ENVIRONMENT: 'local',
    APP_REPOSITORY_PROVIDER: 'memory',
    APP_DATA_DIR: join(ctx.work, 'handler-loop-data'),
    LOG_LEVEL: 'ERROR',
    NODE_NO_WARNINGS: '1',
  };
  const bundles = { api: join(ctx.distDir, 'ApiFunction', 'index.mjs'), constant: entries.constantBundle };
  const { warmMs, measureMs, rounds } = scale.handlerLoop;
  const loop = (variant: 'api' | 'constant', flags: string[] = []) =>
    runJson<{ perSecond: Record<string, number> }>(
      process.execPath,
      [...flags, entries.handlerLoopProbe, bundles[variant], script, String(warmMs), String(measureMs)],
      { env },
    );
  const perRoute: Record<string, Record<'api' | 'constant', number[]>> = {};
  await interleaved(rounds, ['api', 'constant'] as const, async (variant, round) => {
    progress.step(`Lambda handler in-process: ${variant}, round ${round + 1}/${rounds}`);
    const { perSecond } = await loop(variant);
    for (const [label, value] of Object.entries(perSecond)) {
      perRoute[label] ??= { api: [], constant: [] };
      perRoute[label][variant].push(value);
    }
    return 0;
  });
  const rates: HandlerRates = {};
  const rows: Row[] = Object.entries(perRoute).map(([label, runs]) => {
    const api = summarize(runs.api);
    const constant = summarize(runs.constant);
    rates[label] = api;
    const value = ratioOf(api, constant);
    return {
      measure: `Lambda handler in-process, ${label}: events/s`,
      ours: formatSample(api, 'ev/s', 0),
      floor: `constant handler: ${formatSample(constant, 'ev/s', 0)}`,
      shown: ratio(value),
      note: `≈ ${(1000 / api.median).toFixed(2)} ms of handler per request; no target set`,
    };
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
