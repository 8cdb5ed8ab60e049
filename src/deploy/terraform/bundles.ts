import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleFunction } from '../../../scripts/template/bundle.js';
import { esbuildFunctions } from '../../../scripts/template/functions.js';
import { loadTemplate } from '../../../scripts/template/template.js';
import { deterministicZip } from '../bundles/deterministic-zip.js';

export interface FunctionZip {
  logicalId: string;
  path: string;
  bytes: number;
}

/**
 * The same bundles `make build` and `sam build` make (entries and esbuild options from the SAM template's
 * Metadata), each zipped deterministically as `<outDir>/<LogicalId>.zip`, the names the Terraform roots read.
 */
export async function buildFunctionZips(outDir: string): Promise<FunctionZip[]> {
  const functions = esbuildFunctions(await loadTemplate());
  const staging = await mkdtemp(join(tmpdir(), 'blogapp-bundles-'));
  try {
    // Every bundle is built before the previous zips are replaced, so a failed build leaves them as they were.
    for (const fn of functions) await bundleFunction(fn, staging);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const zips: FunctionZip[] = [];
    for (const fn of functions) {
      const dir = join(staging, fn.logicalId);
      const files = await Promise.all(
        (await listFiles(dir)).map(async (path) => ({
          path: relative(dir, path),
          contents: await readFile(path),
        })),
      );
      const zip = deterministicZip(files);
      const path = join(outDir, `${fn.logicalId}.zip`);
      await writeFile(path, zip);
      zips.push({ logicalId: fn.logicalId, path, bytes: zip.byteLength });
    }
    return zips;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
