import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createLogger } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

/** `make local` builds the client before it starts: a warning there is the first thing a newcomer reads. */
describe('web client build', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('builds without a warning (the host’s /blogapp-config.js is left to the host, not bundled)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-web-build-'));
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (message) => void warnings.push(message);
    logger.warnOnce = (message) => void warnings.push(message);
    await build({
      configFile: resolve('web/vite.config.ts'),
      // Warnings still reach the logger; the progress lines (transforming, rendering) would print on success.
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true },
      customLogger: logger,
    });
    expect(warnings).toEqual([]);
  }, 120_000);
});
