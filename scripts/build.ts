/**
 * `make build`: bundles every function of the SAM template the way `sam build` does, without the SAM CLI.
 * Entry points and esbuild options come from each function's Metadata.BuildProperties in
 * infrastructure/aws-sam/template.yaml, so they are written once; bundles go to dist/lambda/<LogicalId>/.
 */
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { bundleFunction } from './template/bundle.js';
import { esbuildFunctions } from './template/functions.js';
import { loadTemplate, TEMPLATE_PATH } from './template/template.js';

const OUT_ROOT = 'dist/lambda';
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const functions = esbuildFunctions(await loadTemplate());
console.log(`Bundling ${functions.length} functions from ${relative(process.cwd(), TEMPLATE_PATH)}`);
await rm(OUT_ROOT, { recursive: true, force: true });

for (const [index, fn] of functions.entries()) {
  const started = performance.now();
  const bundle = await bundleFunction(fn, join(process.cwd(), OUT_ROOT));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const code = bundle.outputs.filter(({ path }) => !path.endsWith('.map'));
  const maps = bundle.outputs.filter(({ path }) => path.endsWith('.map'));
  const mapBytes = maps.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(`[${index + 1}/${functions.length}] ${fn.logicalId} (${seconds}s)`);
  for (const { path, bytes } of code) {
    console.log(
      `      ${path.padEnd(44)} ${kib(bytes).padStart(10)}${maps.length ? `  (+ ${kib(mapBytes)} source map)` : ''}`,
    );
  }
}
