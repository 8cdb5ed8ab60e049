import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium package (`.ci/run` and the Makefile install it with apt-get). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for the browser tests. A missing browser fails the suite with the fix, never skips it:
 * a skipped browser test would let a broken client through CI unnoticed.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}, and the browser tests need it: ` +
        'install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), then run the tests again.',
    );
  }
  return chromium.launch({
    executablePath,
    // What a CI container needs (no sandbox, no GPU), and nothing that talks to Google's servers.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
    // A cold start on a busy two-core CI machine can take a while.
    timeout: 60_000,
  });
}
