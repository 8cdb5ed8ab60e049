import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { bundleFunction } from '../../scripts/template/bundle.js';
import type { EsbuildFunction } from '../../scripts/template/functions.js';

/** The bench's own programs, bundled to plain .mjs so fresh processes pay no TypeScript loader. */
export interface BenchEntries {
  coldStartProbe: string;
  handlerLoopProbe: string;
  appServer: string;
  rawHttpServer: string;
  rawFanOutProbe: string;
  gatewayPostFanOutProbe: string;
  stackFanOutProbe: string;
  /** The constant handler, bundled exactly like the API function. */
  constantBundle: string;
}

const PROGRAMS = {
  coldStartProbe: 'probes/cold-start-probe.ts',
  handlerLoopProbe: 'probes/handler-loop-probe.ts',
  appServer: 'servers/app-server.ts',
  rawHttpServer: 'floors/raw-http-server.ts',
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
  const constant: EsbuildFunction = {
    ...apiFunction,
    logicalId: 'ConstantFunction',
    buildProperties: {
      ...apiFunction.buildProperties,
      EntryPoints: [relative(apiFunction.codeDir, join(BENCH_DIR, 'floors/constant-handler.ts'))],
    },
  };
  await bundleFunction(constant, outDir);
  const at = (name: keyof typeof PROGRAMS) => join(outDir, `${name}.mjs`);
  return {
    coldStartProbe: at('coldStartProbe'),
    handlerLoopProbe: at('handlerLoopProbe'),
    appServer: at('appServer'),
    rawHttpServer: at('rawHttpServer'),
    rawFanOutProbe: at('rawFanOutProbe'),
    gatewayPostFanOutProbe: at('gatewayPostFanOutProbe'),
    stackFanOutProbe: at('stackFanOutProbe'),
    constantBundle: join(outDir, constant.logicalId, 'index.mjs'),
  };
}
