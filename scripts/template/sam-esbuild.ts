import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { EsbuildFunction } from './functions.js';

/**
 * Turns a function's BuildProperties into esbuild options the way SAM's esbuild build method does
 * (aws-lambda-builders, nodejs_npm_esbuild): each key becomes an esbuild option; a boolean is a flag, a
 * string a value, a list repeats `--key:item`. Bundling, platform and output directory are SAM's, as
 * are its defaults (es2020, cjs, minified) when the template leaves them out.
 */

/** SAM sets these itself and ignores them in BuildProperties. */
const SAM_OWNED = new Set(['bundle', 'platform', 'outdir']);

/** List-valued properties: `--external:x` collects into an array, `--banner:js=...` into a map. */
const LIST_OPTIONS: Record<string, 'array' | 'map'> = {
  external: 'array',
  inject: 'array',
  pure: 'array',
  loader: 'map',
  outExtension: 'map',
  banner: 'map',
  footer: 'map',
  define: 'map',
  alias: 'map',
};

/** String options that esbuild's CLI takes comma-separated and its JS API as an array. */
const COMMA_SEPARATED = new Set(['mainFields', 'resolveExtensions', 'conditions', 'target']);

const camelCase = (pascal: string) => pascal.charAt(0).toLowerCase() + pascal.slice(1);

export function esbuildOptions(fn: EsbuildFunction, outdir: string): BuildOptions {
  const options: Record<string, unknown> = {
    bundle: true,
    platform: 'node',
    outdir,
    absWorkingDir: fn.codeDir,
    target: 'es2020',
    format: 'cjs',
    minify: true,
  };
  for (const [key, value] of Object.entries(fn.buildProperties)) {
    const name = camelCase(key);
    if (SAM_OWNED.has(name) || name === 'useNpmCi') continue;
    if (name === 'entryPoints') options.entryPoints = entryPoints(fn, value);
    else options[name] = optionValue(fn.logicalId, name, value);
  }
  return options as BuildOptions;
}

function optionValue(logicalId: string, name: string, value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    return COMMA_SEPARATED.has(name) && text.includes(',') ? text.split(',') : text;
  }
  const kind = LIST_OPTIONS[name];
  if (!Array.isArray(value) || !kind) {
    throw new Error(`${logicalId}: BuildProperties ${name} has a form SAM's esbuild step does not take.`);
  }
  const items = value.map(String);
  if (name === 'external' && items.includes('./node_modules/*')) {
    throw new Error(
      `${logicalId}: External ./node_modules/* (skip dependencies) is not supported by make build.`,
    );
  }
  if (kind === 'array') return items;
  return Object.fromEntries(
    items.map((item) => {
      const at = item.indexOf('=');
      if (at < 0) throw new Error(`${logicalId}: BuildProperties ${name} item "${item}" needs key=value.`);
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );
}

/** Entry points are relative to CodeUri; like SAM, a path without extension means .ts, else .js. */
function entryPoints(fn: EsbuildFunction, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${fn.logicalId}: BuildProperties EntryPoints must be a non-empty list.`);
  }
  return value.map((entry) => {
    const candidates = extname(String(entry)) ? [String(entry)] : [`${entry}.ts`, `${entry}.js`];
    const found = candidates.find((candidate) => existsSync(join(fn.codeDir, candidate)));
    if (!found)
      throw new Error(`${fn.logicalId}: entry point ${join(fn.codeDir, String(entry))} does not exist.`);
    return found;
  });
}
