import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.js';
import type { MeasureResult, Row } from '../lib/result.js';

/** The API function's target: the code a cold start loads up to its first responses, in KB of 1000 bytes. */
export const API_INIT_LIMIT_KB = 400;

export interface BundleSize {
  logicalId: string;
  /** index.mjs and every chunk it imports statically: what a cold start parses. */
  initBytes: number;
  /** Every .mjs file of the function, lazy chunks included (source maps excluded). */
  totalBytes: number;
  initFiles: string[];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;
// Static imports in esbuild's minified ESM: `import{a as b}from"./chunk.mjs"` or `import"./chunk.mjs"`.
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+\.mjs)["']/g;

/** Sizes of a built function: the static import closure of index.mjs, and everything. */
export async function bundleSize(dir: string, logicalId: string): Promise<BundleSize> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.mjs'));
  const sizes = new Map(
    await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).size] as const)),
  );
  const init = new Set<string>();
  const visit = async (file: string) => {
    if (init.has(file)) return;
    init.add(file);
    const code = await readFile(join(dir, file), 'utf8');
    for (const [, target] of code.matchAll(STATIC_IMPORT)) await visit((target as string).slice(2));
  };
  await visit('index.mjs');
  const sum = (names: Iterable<string>) => [...names].reduce((total, f) => total + (sizes.get(f) ?? 0), 0);
  return { logicalId, initBytes: sum(init), totalBytes: sum(files), initFiles: [...init] };
}

export async function measureBundleSizes(ctx: BenchContext): Promise<MeasureResult & { api: BundleSize }> {
  ctx.progress.step('bundle sizes');
  const sizes = await Promise.all(
    ctx.functions.map((fn) => bundleSize(join(ctx.distDir, fn.logicalId), fn.logicalId)),
  );
  const api = sizes.find((size) => size.logicalId === 'ApiFunction');
  if (!api) throw new Error('No ApiFunction in the template');
  const rows: Row[] = sizes.map((size) => ({
    measure: `Bundle ${size.logicalId}, loaded at cold start`,
    ours: kb(size.initBytes),
    floor: `${kb(size.totalBytes)} with lazy chunks`,
    ...(size === api
      ? {
          value: size.initBytes / 1000,
          shown: kb(size.initBytes),
          // The target is held by what a cold start really loads (the cold-start row): a lazy chunk that
          // init or the first request imports anyway counts there.
          note: `${size.initFiles.length} files statically imported (index.mjs + static chunks); minified, maps excluded`,
        }
      : {}),
  }));
  return { rows, api };
}
