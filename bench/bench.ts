import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleFunction } from '../scripts/template/bundle.js';
import { esbuildFunctions } from '../scripts/template/functions.js';
import { loadTemplate } from '../scripts/template/template.js';
import { buildBenchEntries } from './lib/bench-entries.js';
import type { BenchContext } from './lib/context.js';
import type { Progress } from './lib/progress.js';
import { findFastApiPython } from './lib/python.js';
import { type Report, renderReport } from './lib/report.js';
import type { MeasureResult } from './lib/result.js';
import type { Scale } from './lib/scale.js';
import { prepareServingFixture } from './lib/serving-fixture.js';
import { measureBundleSizes } from './measures/bundle-size.js';
import { measureColdStart } from './measures/cold-start.js';
import { costSketch } from './measures/cost.js';
import { measureDynamoDbCalls } from './measures/dynamodb-calls.js';
import { measureFanOut } from './measures/fan-out.js';
import { measureHttpThroughput } from './measures/http-throughput.js';
import { measureLambdaThroughput } from './measures/lambda-throughput.js';
import { measurePeerStartup } from './measures/peer-startup.js';

export interface BenchOptions {
  scale: Scale;
  progress: Progress;
  /** The functions as `make build` wrote them; built there first if missing. */
  distDir: string;
  /** Where the markdown report goes. */
  outFile: string;
  /** Only these measurements (all when absent); the cost sketch needs `cold` and `handler`. */
  only?: readonly MeasureName[];
}

/** The measurements by name, for `--only`. */
export const MEASURES = ['bundle', 'cold', 'dynamodb', 'handler', 'http', 'peer', 'fanout'] as const;
export type MeasureName = (typeof MEASURES)[number];

/** Runs every measurement in turn and writes the report; returns it too. */
export async function runBench(options: BenchOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const { progress, scale } = options;
  const work = await mkdtemp(join(tmpdir(), 'blogapp-bench-'));
  try {
    const functions = esbuildFunctions(await loadTemplate());
    await ensureBundles(options.distDir, functions, progress);
    const api = functions.find((fn) => fn.logicalId === 'ApiFunction');
    if (!api) throw new Error('The template has no ApiFunction');
    progress.step('bundling the bench probes, servers and the constant handler');
    const entries = await buildBenchEntries(join(work, 'entries'), api);
    const ctx: BenchContext = { scale, progress, work, entries, distDir: options.distDir, functions };

    const wanted = (name: MeasureName) => !options.only || options.only.includes(name);
    const results: MeasureResult[] = [];
    if (wanted('bundle')) results.push(await measureBundleSizes(ctx));
    const cold = wanted('cold') ? await measureColdStart(ctx) : undefined;
    if (cold) results.push(cold);
    if (wanted('dynamodb')) results.push(await measureDynamoDbCalls(ctx));
    const handler = wanted('handler') ? await measureLambdaThroughput(ctx) : undefined;
    if (handler) results.push(handler);
    const serves = wanted('http') || wanted('peer');
    const peer = serves ? findFastApiPython() : undefined;
    if (serves) {
      progress.step(
        peer ? `FastAPI peer: ${peer.versions} (${peer.python})` : 'FastAPI peer: not installed, skipped',
      );
    }
    const serving = serves ? await prepareServingFixture(ctx) : undefined;
    if (serving && wanted('http')) results.push(await measureHttpThroughput(ctx, serving, peer));
    if (serving && wanted('peer')) results.push(await measurePeerStartup(ctx, serving, peer));
    if (wanted('fanout')) results.push(await measureFanOut(ctx));
    if (cold && handler && serving) {
      results.push(costSketch(cold.coldStart, handler.rates, serving));
    }

    const report: Report = {
      scale: scale.name,
      startedAt,
      seconds: (performance.now() - started) / 1000,
      results,
      facts: [peer ? `Peer: ${peer.versions}` : 'Peer: FastAPI not installed (skipped)'],
    };
    await mkdir(dirname(options.outFile), { recursive: true });
    await writeFile(options.outFile, renderReport(report));
    formatMarkdown(options.outFile);
    return report;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function ensureBundles(
  distDir: string,
  functions: Awaited<ReturnType<typeof esbuildFunctions>>,
  progress: Progress,
): Promise<void> {
  const missing = functions.filter((fn) => !existsSync(join(distDir, fn.logicalId, 'index.mjs')));
  for (const fn of missing) {
    progress.step(`building ${fn.logicalId} into ${distDir} (no bundle there yet)`);
    await bundleFunction(fn, distDir);
  }
}

/** Lays the tables out as `make lint` (Biome) wants them; a file outside the repository is left as written. */
function formatMarkdown(file: string): void {
  const biome = join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome');
  spawnSync(biome, ['format', '--write', file], { stdio: 'ignore' });
}
