import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ForeignOrigin, startForeignOrigin } from './foreign-origin.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

/**
 * What the web client must refuse to do in a real browser, whatever a link or an injected script asks:
 * send the user's token anywhere but the API it was served with, or run or reach code from elsewhere.
 */
describe('web client defences in Chromium', { timeout: 120_000 }, () => {
  let h: WebHarness;
  let foreign: ForeignOrigin;

  beforeAll(async () => {
    h = await startWebHarness();
    foreign = await startForeignOrigin();
  }, 180_000);
  afterAll(async () => {
    await foreign?.close();
    await h?.close();
  });

  /** Opens `url` and waits until the client's own requests are over: its profile answered, the network quiet. */
  const openAndSettle = async (page: Page, url: string) => {
    const profile = page.waitForResponse((response) => response.url().endsWith('/api/me'));
    await page.goto(url);
    await profile;
    await page.waitForLoadState('networkidle');
  };

  it('sends the token only to its own API, whatever ?api= and ?ws= in the link say', async () => {
    // Prepare: a signed-in user follows a link that names another server as the API.
    const victim = await h.user('victim', 'Victim');
    const link = `${h.stack.apiUrl}/?api=${encodeURIComponent(foreign.origin)}&ws=${encodeURIComponent(
      foreign.origin.replace('http:', 'ws:'),
    )}#/`;
    // Act
    await openAndSettle(victim, link);
    // Assess: the other server heard nothing carrying the token, and the real API knew the user.
    expect(foreign.received.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
    expect(foreign.received.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await victim.getByRole('link', { name: 'Victim' }).waitFor();
  });
});
