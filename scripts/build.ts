/**
 * `make build`: bundles each Lambda entry with esbuild, the way the SAM template's esbuild build method
 * does (ESM, Node 22, arm64-agnostic JS), and prints each bundle's size.
 */
import { stat } from 'node:fs/promises';
import { build } from 'esbuild';

const entries: Record<string, string> = {
  api: 'src/entry/lambda/api.handler.ts',
  websocket: 'src/entry/lambda/websocket.handler.ts',
  'comment-stream': 'src/entry/lambda/comment-stream.handler.ts',
  broadcast: 'src/entry/lambda/broadcast.handler.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  const outfile = `dist/lambda/${name}/index.mjs`;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    legalComments: 'none',
    // Some dependencies still call require(); ESM bundles need it defined.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const { size } = await stat(outfile);
  console.log(`${name.padEnd(12)} ${outfile}  ${(size / 1024).toFixed(1)} KiB`);
}
