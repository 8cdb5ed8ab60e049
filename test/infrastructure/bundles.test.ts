import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunction } from '../../scripts/template/bundle.js';
import { esbuildFunctions } from '../../scripts/template/functions.js';
import { esbuildOptions } from '../../scripts/template/sam-esbuild.js';
import { loadTemplate } from '../../scripts/template/template.js';

const functions = esbuildFunctions(await loadTemplate());

describe('BuildProperties become the esbuild options SAM would pass', () => {
  const fn = {
    logicalId: 'Fn',
    codeDir: process.cwd(),
    handler: 'index.handler',
    bundleFiles: [],
    buildProperties: {
      // No extension: SAM tries .ts, then .js (as it does, `api.handler` would count as having one).
      EntryPoints: ['src/entry/lambda/instrument'],
      Format: 'esm',
      Target: 'node22',
      MainFields: 'module,main',
      Sourcemap: true,
      Minify: false,
      OutExtension: ['.js=.mjs'],
      Banner: ['js=const a = 1;'],
      External: ['@aws-sdk/*'],
      Platform: 'browser',
    },
  };

  it('maps flags, values, key=value lists and lists; keeps SAM’s own bundle/platform/outdir', () => {
    expect(esbuildOptions(fn, '/out')).toEqual({
      bundle: true,
      platform: 'node',
      outdir: '/out',
      absWorkingDir: process.cwd(),
      entryPoints: ['src/entry/lambda/instrument.ts'],
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      sourcemap: true,
      minify: false,
      outExtension: { '.js': '.mjs' },
      banner: { js: 'const a = 1;' },
      external: ['@aws-sdk/*'],
    });
  });

  it('applies SAM’s defaults (es2020, CommonJS, minified) when the template leaves them out', () => {
    const options = esbuildOptions(
      { ...fn, buildProperties: { EntryPoints: ['src/entry/lambda/api.handler.ts'] } },
      '/o',
    );
    expect(options).toMatchObject({ target: 'es2020', format: 'cjs', minify: true });
  });

  it('refuses a missing entry point and a list where SAM takes none', () => {
    expect(() => esbuildOptions({ ...fn, buildProperties: { EntryPoints: ['src/nope.ts'] } }, '/o')).toThrow(
      /does not exist/,
    );
    expect(() =>
      esbuildOptions({ ...fn, buildProperties: { ...fn.buildProperties, Format: ['esm'] } }, '/o'),
    ).toThrow(/format/);
  });
});

describe.each(functions.map((fn) => [fn.logicalId, fn] as const))('%s', (_, fn) => {
  it('has entry points that exist', () => {
    const entries = fn.buildProperties.EntryPoints as string[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(existsSync(join(fn.codeDir, entry)), entry).toBe(true);
  });

  let built: ReturnType<typeof bundleFunction> | undefined;
  const bundled = () => {
    built ??= bundleFunction(fn, join(process.cwd(), 'dist/lambda'), { write: false });
    return built;
  };

  it('bundles into the ES module its Handler names, exporting the handler', async () => {
    const bundle = await bundled();
    // Lambda reads `index.handler` as file `index` (.mjs/.js/.cjs) and export `handler`.
    const [file, exported] = fn.handler.split(/\.(.*)/s) as [string, string];
    const main = bundle.metafile.outputs[`dist/lambda/${fn.logicalId}/${file}.mjs`];
    expect(Object.keys(bundle.metafile.outputs)).toContain(`dist/lambda/${fn.logicalId}/${file}.mjs`);
    expect(main?.exports).toContain(exported);
    // Files the template copies beside the bundle (Swagger UI for /docs) travel in it, byte for byte.
    for (const path of fn.bundleFiles) {
      const copied = bundle.files.find((f) => f.path === path);
      expect(Buffer.from(copied?.contents ?? []).equals(await readFile(join(fn.codeDir, path))), path).toBe(
        true,
      );
    }
  });

  it('ships each code file with its source map beside it (the logger maps logged stacks through them)', async () => {
    // These files are what the deploy CLI zips (src/deploy/engines/cloudformation/package.ts).
    const paths = (await bundled()).files.map((file) => file.path);
    const code = paths.filter((path) => path.endsWith('.mjs'));
    expect(code.length).toBeGreaterThan(0);
    expect(code.filter((path) => !paths.includes(`${path}.map`))).toEqual([]);
  });

  it('leaves the X-Ray SDK out: its async hooks would track every promise (src/adapters/xray traces instead)', async () => {
    const { inputs } = (await bundled()).metafile;
    expect(
      Object.keys(inputs).filter((path) =>
        /node_modules\/(aws-xray-sdk-core|cls-hooked|semver)\//.test(path),
      ),
    ).toEqual([]);
    expect(Object.keys(inputs)).toContain('src/adapters/xray/xray-tracer.ts');
  });
});
