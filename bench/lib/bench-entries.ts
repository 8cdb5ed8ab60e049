import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { bundleFunction } from '../../scripts/template/bundle.js';
import type { EsbuildFunction } from '../../scripts/template/functions.js';

/** The bench's own programs, bundled to plain .mjs so fresh processes pay no TypeScript loader. */
export interface BenchEntries {
  coldStartProbe: string;
  /** Module hooks that list the files a cold start loads (see the probe). */
  loadedFilesHooks: string;
  handlerLoopProbe: string;
  appServer: string;
  rawHttpServer: string;
  /** A minimal Hono app on @hono/node-server: the framework's own ceiling for warm throughput. */
  minimalHonoServer: string;
  rawFanOutProbe: string;
  gatewayPostFanOutProbe: string;
  stackFanOutProbe: string;
  /** The constant handler, bundled exactly like the API function. */
  constantBundle: string;
  /** A minimal Hono app behind the API's Lambda adapter, bundled exactly like the API function. */
  minimalHonoBundle: string;
}

const PROGRAMS = {
  coldStartProbe: 'probes/cold-start-probe.ts',
  loadedFilesHooks: 'probes/loaded-files-hooks.ts',
  handlerLoopProbe: 'probes/handler-loop-probe.ts',
  appServer: 'servers/app-server.ts',
  rawHttpServer: 'floors/raw-http-server.ts',
  minimalHonoServer: 'floors/minimal-hono-server.ts',
  rawFanOutProbe: 'probes/raw-fanout-probe.ts',
  gatewayPostFanOutProbe: 'probes/gateway-post-fanout-probe.ts',
  stackFanOutProbe: 'probes/stack-fanout-probe.ts',
} as const;

const BENCH_DIR = join(import.meta.dirname, '..');

export async function buildBenchEntries(outDir: string, apiFunction: EsbuildFunction): Promise<BenchEntries> {
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(PROGRAMS).map(([name, path]) => [name, join(BENCH_DIR, path)]),
    ),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // Some dependencies still call require(); an ES module bundle has to define it.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const likeTheApi = (logicalId: string, entry: string): EsbuildFunction => ({
    ...apiFunction,
    logicalId,
    buildProperties: {
      ...apiFunction.buildProperties,
      EntryPoints: [relative(apiFunction.codeDir, join(BENCH_DIR, entry))],
    },
  });
  const constant = likeTheApi('ConstantFunction', 'floors/constant-handler.ts');
  const minimalHono = likeTheApi('MinimalHonoFunction', 'floors/minimal-hono-handler.ts');
  await bundleFunction(constant, outDir);
  await bundleFunction(minimalHono, outDir);
  const at = (name: keyof typeof PROGRAMS) => join(outDir, `${name}.mjs`);
  return {
    coldStartProbe: at('coldStartProbe'),
    loadedFilesHooks: at('loadedFilesHooks'),
    handlerLoopProbe: at('handlerLoopProbe'),
    appServer: at('appServer'),
    rawHttpServer: at('rawHttpServer'),
    minimalHonoServer: at('minimalHonoServer'),
    rawFanOutProbe: at('rawFanOutProbe'),
    gatewayPostFanOutProbe: at('gatewayPostFanOutProbe'),
    stackFanOutProbe: at('stackFanOutProbe'),
    constantBundle: join(outDir, constant.logicalId, 'index.mjs'),
    minimalHonoBundle: join(outDir, minimalHono.logicalId, 'index.mjs'),
  };
}
