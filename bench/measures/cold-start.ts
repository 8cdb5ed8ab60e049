import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchDynamoDb } from '../lib/bench-dynamodb.js';
import { runJson } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { type CostByModule, costTable, withCpuProfile } from '../lib/cpu-profile.js';
import { deployedEnv, deployedNodeOptions, TRACED_LAMBDA_ENV } from '../lib/deployed-env.js';
import { benchPosts } from '../lib/fixture.js';
import { interleaved } from '../lib/interleave.js';
import { apiEvent, writeJson } from '../lib/lambda-events.js';
import { type MeasureResult, ratio, type Section } from '../lib/result.js';
import { formatSample, ratioOf, type Sample, summarize } from '../lib/stats.js';
import { API_INIT_LIMIT_KB } from './bundle-size.js';

interface ProbeResult {
  loadedMs: number;
  responses: { atMs: number; status: number }[];
  rssBytes: number;
}

export interface ColdStart {
  /** Ms from process start to the first response, API and constant handler. */
  firstMs: { api: Sample; constant: Sample };
  rssMb: { api: Sample; constant: Sample };
  /** Ms from process start until the API module had loaded (init). */
  apiLoadedMs: Sample;
  /** The API function's files Node loaded up to the last response: static imports and lazy chunks alike. */
  loaded: { bytes: number; files: number };
  profile?: { api: CostByModule[]; constant: CostByModule[] };
}

/**
 * Cold start: a fresh Node process, with the template's NODE_OPTIONS (none: no `--enable-source-maps`, whose
 * reading of every loaded file's source map cost the API bundle's init ~15 ms of CPU and ~2.8 MiB), imports
 * the bundle as Lambda does and answers GET /api/health, then GET /api/posts/{id} against dynalite, both traced
 * as under `Tracing: Active` (subsegments sent to the default daemon address, unread). Time to
 * the first response and RSS after both, ÷ the constant handler.
 */
export async function measureColdStart(ctx: BenchContext): Promise<MeasureResult & { coldStart: ColdStart }> {
  const { scale, progress, entries } = ctx;
  const db = await startBenchDynamoDb();
  try {
    const [post] = benchPosts(1);
    if (!post) throw new Error('no post');
    await db.storage.posts.create(post);
    const events = await writeJson(ctx.work, 'cold-start-events.json', [
      apiEvent('GET', '/api/health'),
      apiEvent('GET', `/api/posts/${post.id}`),
    ]);
    const nodeOptions = await deployedNodeOptions('ApiFunction');
    const env = {
      ...deployedEnv(db, join(ctx.work, 'cold-start-data')),
      ...TRACED_LAMBDA_ENV,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    };
    const loadedList = join(ctx.work, 'cold-start-loaded-files.txt');
    const bundles = { api: join(ctx.distDir, 'ApiFunction', 'index.mjs'), constant: entries.constantBundle };
    const probe = async (variant: keyof typeof bundles, flags: string[] = [], extra: string[] = []) => {
      const result = await runJson<ProbeResult>(
        process.execPath,
        [...flags, entries.coldStartProbe, bundles[variant], events, ...extra],
        { env: { ...env, ...(extra.length ? { BENCH_LOADED_FILES: loadedList } : {}) } },
      );
      const bad = result.responses.find((r) => r.status !== 200);
      if (variant === 'api' && bad) throw new Error(`cold start probe: the API answered ${bad.status}`);
      return result;
    };
    // One discarded run each, so the page cache holds the files for all counted runs alike.
    await probe('api');
    await probe('constant');
    const loaded: number[] = [];
    const rss: Record<'api' | 'constant', number[]> = { api: [], constant: [] };
    const first = await interleaved(
      scale.coldStart.rounds,
      ['api', 'constant'] as const,
      async (variant, round) => {
        progress.step(`cold start: ${variant} bundle, round ${round + 1}/${scale.coldStart.rounds}`);
        const result = await probe(variant);
        rss[variant].push(result.rssBytes / 2 ** 20);
        if (variant === 'api') loaded.push(result.loadedMs);
        return result.responses[0]?.atMs ?? Number.NaN;
      },
    );
    // One more run, untimed (the hooks slow loading down), lists the files the cold start loaded.
    progress.step('cold start: files loaded by the api bundle');
    await probe('api', [], [entries.loadedFilesHooks]);
    const coldStart: ColdStart = {
      firstMs: { api: summarize(first.api), constant: summarize(first.constant) },
      rssMb: { api: summarize(rss.api), constant: summarize(rss.constant) },
      apiLoadedMs: summarize(loaded),
      loaded: await loadedBytes(loadedList, resolve(dirname(bundles.api))),
    };
    if (scale.coldStart.profile) {
      progress.step('cold start: --cpu-prof of both bundles');
      coldStart.profile = {
        api: await profiled(ctx, 'api', probe),
        constant: await profiled(ctx, 'constant', probe),
      };
    }
    return { ...coldStartTable(coldStart), coldStart };
  } finally {
    await db.close();
  }
}

/** Bytes of the distinct files of the bundle's directory the probe listed (the probe itself is elsewhere). */
async function loadedBytes(list: string, bundleDir: string): Promise<{ bytes: number; files: number }> {
  const urls = new Set((await readFile(list, 'utf8')).split('\n').filter(Boolean));
  const files = [...urls].map((url) => fileURLToPath(url)).filter((file) => dirname(file) === bundleDir);
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), files: files.length };
}

const profiled = (
  ctx: BenchContext,
  variant: 'api' | 'constant',
  probe: (variant: 'api' | 'constant', flags: string[]) => Promise<unknown>,
) => withCpuProfile(join(ctx.work, `cpu-prof-cold-${variant}`), (flags) => probe(variant, flags));

function coldStartTable(c: ColdStart): MeasureResult {
  const time = ratioOf(c.firstMs.api, c.firstMs.constant);
  const memory = ratioOf(c.rssMb.api, c.rssMb.constant);
  const top = c.profile ? topCosts(c.profile.api, 3) : '';
  const sections: Section[] = c.profile ? [profileSection(c.profile)] : [];
  return {
    rows: [
      {
        measure: 'Cold start: code loaded by ApiFunction up to its first responses',
        ours: `${(c.loaded.bytes / 1000).toFixed(0)} KB`,
        floor: '',
        value: c.loaded.bytes / 1000,
        shown: `${(c.loaded.bytes / 1000).toFixed(0)} KB`,
        target: { op: '<', limit: API_INIT_LIMIT_KB, unit: ' KB' },
        note: `${c.loaded.files} files, listed by module hooks in an untimed run: what the bundle row's static imports load, plus the lazy chunks init and GET /api/health + GET /api/posts/{id} import`,
      },
      {
        measure: 'Cold start: process start → first response (GET /api/health)',
        ours: formatSample(c.firstMs.api, 'ms'),
        floor: formatSample(c.firstMs.constant, 'ms'),
        value: time,
        shown: ratio(time),
        // The issue's target; its longer-term goal is 1.5×.
        target: { op: '<=', limit: 2, unit: '×' },
        note: `module init alone ${c.apiLoadedMs.median.toFixed(0)} ms${top ? `; top costs: ${top}` : ''}`,
      },
      {
        measure: 'Cold start: RSS after GET /api/health + GET /api/posts/{id}',
        ours: formatSample(c.rssMb.api, 'MiB'),
        floor: formatSample(c.rssMb.constant, 'MiB'),
        value: memory,
        shown: ratio(memory),
        target: { op: '<=', limit: 1.3, unit: '×' },
        note: 'the floor is Node itself (~45 MiB); every module parsed at init adds code and heap',
      },
    ],
    sections,
  };
}

const topCosts = (costs: CostByModule[], count: number) =>
  costs
    .filter((cost) => !cost.module.startsWith('(Node.js'))
    .slice(0, count)
    .map((cost) => `${cost.module} ${cost.ms.toFixed(0)} ms`)
    .join(', ');

function profileSection(profile: { api: CostByModule[]; constant: CostByModule[] }): Section {
  return {
    title: 'Cold start: where the CPU goes (one `--cpu-prof` run each, 0.1 ms sampling)',
    markdown: [
      'Each sample is charged to the innermost frame that maps, through the bundle’s source map, to a package',
      'or a file of ours; Node internals and esbuild’s wrappers count for whoever called them. “V8 compile” is',
      'parsing the files loaded at init, so it shrinks with the bytes loaded. Waiting on DynamoDB is not CPU and',
      'is left out.',
      '',
      costTable(profile.api, 'API bundle', { label: 'constant handler', costs: profile.constant }),
    ].join('\n'),
  };
}
