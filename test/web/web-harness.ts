import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import type { LocalStackOptions } from '../../src/composition/local-stack.js';
import { launchChromium } from '../support/browser.js';
import { png } from '../support/images.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** Where the browser tests leave what a person may want to look at (gitignored). */
export const OUTPUT_DIR = resolve('test-results/web');

/** Waits are on conditions, never fixed sleeps; this bounds each one generously for a slow CI machine. */
const WAIT_MS = 20_000;

export interface WebHarness {
  stack: TestStack;
  browser: Browser;
  /** The client's URL for a route (`#/posts/<id>`); the stack's `/blogapp-config.js` tells it the WebSocket URL. */
  url(hash?: string): string;
  /** A fresh browser context (its own storage: one user), signed in as `userId` unless null. */
  user(userId: string | null, name?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** A real PNG on disk, for file inputs. */
  pngFile(name: string, width?: number, height?: number): Promise<string>;
  /** A post made through the API, as `userId` would have (`extra` overrides the body or adds tags, an image). */
  seedPost(
    userId: string,
    title: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; token: string }>;
  /** A PNG uploaded the contract's way by the user of `token`: its key, for a post's `imageKey`. */
  seedImage(token: string, width?: number, height?: number): Promise<string>;
  /** Uncaught errors thrown in any page: the tests expect none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds the client from web/ into a temporary directory (so the tests never depend on an earlier
 * `make build`), starts the real local stack serving it, and launches Chromium.
 */
export async function startWebHarness(
  provider: 'memory' | 'dynamodb' = 'memory',
  env: Record<string, string> = {},
  overrides: Pick<LocalStackOptions, 'verifier' | 'signInOrigins'> = {},
): Promise<WebHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-web-'));
  const webDir = join(dir, 'web');
  await build({
    configFile: resolve('web/vite.config.ts'),
    build: { outDir: webDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startTestStack(provider, { ...env, APP_WEB_DIR: webDir }, undefined, overrides);
    browser = await launchChromium();
  } catch (error) {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const ready = { stack, browser };
  const url = (hash = '#/') => `${ready.stack.apiUrl}/${hash}`;
  await mkdir(OUTPUT_DIR, { recursive: true });

  return {
    ...ready,
    url,
    pageErrors,
    async user(userId, name, viewport = { width: 1000, height: 900 }) {
      const context = await ready.browser.newContext({ viewport });
      contexts.push(context);
      context.setDefaultTimeout(WAIT_MS);
      if (userId) {
        const token = await ready.stack.token(userId, name ?? userId);
        // As if the user had signed in before: the client keeps its token in localStorage.
        await context.addInitScript(`localStorage.setItem('blogapp.token', ${JSON.stringify(token)});`);
      }
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${userId}: ${error.message}`));
      return page;
    },
    async pngFile(name, width = 64, height = 48) {
      const file = join(dir, name);
      await writeFile(file, png(width, height, [30, 120, 200]));
      return file;
    },
    async seedPost(userId, title, extra = {}) {
      const token = await ready.stack.token(userId, userId[0]?.toUpperCase() + userId.slice(1));
      const created = await ready.stack.request('POST', '/api/posts', {
        token,
        body: { title, body: `${title}: the body.`, ...extra },
      });
      if (created.status !== 201)
        throw new Error(`seeding a post: ${created.status} ${JSON.stringify(created.body)}`);
      return { id: created.body.id as string, token };
    },
    async seedImage(token, width = 320, height = 180) {
      const bytes = png(width, height, [30, 120, 200]);
      const upload = await ready.stack.request('POST', '/api/uploads', {
        token,
        body: { contentType: 'image/png', size: bytes.length },
      });
      const put = await fetch(upload.body.uploadUrl, {
        method: 'PUT',
        headers: upload.body.headers,
        body: bytes,
      });
      if (put.status !== 200) throw new Error(`uploading a picture: ${put.status} ${await put.text()}`);
      return upload.body.key as string;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await ready.browser.close();
      await ready.stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Presses Tab until the focused element matches `selector` (as a user would), failing after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Waits, bounded, until `expression` is true in the page. Not `page.waitForFunction`: it polls a string
 * predicate through `eval`, which the client's Content-Security-Policy (no 'unsafe-eval') rightly refuses;
 * `page.evaluate` runs through the DevTools protocol, outside the page's policy.
 */
export async function until(page: Page, expression: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`Still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the page is wider than the viewport (a horizontal scrollbar on a phone). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
}
