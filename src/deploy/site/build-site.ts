import { resolve } from 'node:path';

/**
 * Builds the web client (web/) into `outDir` with its own Vite config, for `publishSite`. Vite is loaded
 * only here: deploying the stack alone never pays for it.
 */
export async function buildWebClient(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: resolve('web/vite.config.ts'),
    build: { outDir: resolve(outDir), emptyOutDir: true },
    logLevel: 'warn',
  });
  return resolve(outDir);
}
