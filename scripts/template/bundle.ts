import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import type { EsbuildFunction } from './functions.js';
import { esbuildOptions } from './sam-esbuild.js';

export interface Bundle {
  logicalId: string;
  /** Output files (relative to the repository) and their sizes in bytes. */
  outputs: { path: string; bytes: number }[];
  metafile: Metafile;
  /** With `write: false`, the files themselves, by path relative to the function's output directory. */
  files: { path: string; contents: Uint8Array }[];
}

/**
 * Bundles one function exactly as its BuildProperties say, into `<outRoot>/<logical id>/`.
 * `write: false` keeps everything in memory (the tests), which changes nothing in the output.
 */
export async function bundleFunction(
  fn: EsbuildFunction,
  outRoot: string,
  overrides: Pick<BuildOptions, 'write' | 'logLevel'> = {},
): Promise<Bundle> {
  const options = esbuildOptions(fn, join(outRoot, fn.logicalId));
  const result = await build({ ...options, metafile: true, logLevel: 'warning', ...overrides });
  const outputs = Object.entries(result.metafile.outputs).map(([path, output]) => ({
    path,
    bytes: output.bytes,
  }));
  const outdir = options.outdir ?? '';
  const files = (result.outputFiles ?? []).map((file) => ({
    path: relative(outdir, file.path),
    contents: file.contents,
  }));
  for (const path of fn.bundleFiles) {
    const source = join(fn.codeDir, path);
    if (overrides.write === false) files.push({ path, contents: await readFile(source) });
    else {
      await mkdir(dirname(join(outdir, path)), { recursive: true });
      await copyFile(source, join(outdir, path));
    }
  }
  return { logicalId: fn.logicalId, outputs, metafile: result.metafile, files };
}
