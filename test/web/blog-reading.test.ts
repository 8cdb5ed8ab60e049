import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestartableDynamoDb } from '../../reliability/support/restartable-dynamodb.js';
import { OUTPUT_DIR, startWebHarness, until, type WebHarness } from './web-harness.js';

/**
 * The web client as a blog reader sees it (issue 20), in Chromium against the real local stack on its
 * embedded DynamoDB: list cards, Markdown bodies, editing, the live indicator, and the storage-down state.
 */
describe('web client reads like a blog', { timeout: 120_000 }, () => {
  let db: RestartableDynamoDb;
  let h: WebHarness;

  beforeAll(async () => {
    // Storage the test can stop and start again on the same port, for the error state.
    db = await RestartableDynamoDb.start();
    h = await startWebHarness('dynamodb', {
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-web',
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  /** `path` in the page's README copy (`UPDATE_SCREENSHOTS=1`), always under test-results/web. */
  const screenshot = async (page: Page, name: string) => {
    const file = join(OUTPUT_DIR, name);
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(file, join('docs', name));
  };

  const card = (page: Page, title: string) => page.locator('.card', { hasText: title });

  it('saves a screenshot of the list for the README', async () => {
    const { token } = await h.seedPost('yara', 'Five minutes with blogapp', {
      body: 'Run `make local`, open the web client, sign in as a demo user and **write a post in Markdown**.',
      tags: ['blogapp', 'guide'],
    });
    await h.seedPost('zed', 'Comments arrive live', {
      body: 'Open a post in two windows: a comment from one appears in the other over the WebSocket.',
      tags: ['websocket'],
    });
    await h.seedPost('yara', 'A picture, uploaded straight to storage', {
      body: 'The bytes never pass through the API: a *presigned PUT* takes them.',
      tags: ['uploads'],
      imageKey: await h.seedImage(token, 320, 180),
    });
    const page = await h.user('yara', 'Yara', { width: 900, height: 720 });
    await page.goto(h.url('#/'));
    await card(page, 'A picture, uploaded straight to storage').waitFor();
    await until(page, `[...document.querySelectorAll('img.thumb')].every((img) => img.naturalWidth > 0)`);
    await screenshot(page, 'screenshot-list.png');
  });

  it('shows each post as a card: excerpt without Markdown, tags, thumbnail and a relative date', async () => {
    const long = `${'A sentence about the first hour with blogapp. '.repeat(12)}The end.`;
    const { token } = await h.seedPost('ruth', 'Ruth writes in Markdown', {
      body: `# A heading\n\nSome **bold** words, \`code\` and [a link](https://example.com).\n\n${long}`,
      tags: ['markdown', 'intro'],
    });
    const pictured = await h.seedPost('ruth', 'Ruth has a picture', {
      body: 'Short and *pictured*.',
      imageKey: await h.seedImage(token, 240, 160),
    });
    const created = await h.stack.request('GET', `/api/posts/${pictured.id}`);

    const reader = await h.user(null);
    await reader.goto(h.url('#/?author=ruth'));
    const markdown = card(reader, 'Ruth writes in Markdown');
    const excerpt = (await markdown.locator('.excerpt').textContent()) ?? '';
    expect(excerpt.startsWith('A heading Some bold words, code and a link. A sentence')).toBe(true);
    expect(excerpt).not.toMatch(/[*#`[\]]/);
    expect(excerpt.endsWith('…')).toBe(true);
    expect([...excerpt].length).toBeLessThanOrEqual(201);
    expect(
      await markdown.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(),
    ).toEqual(['#markdown', '#intro']);
    expect(await markdown.locator('img').count()).toBe(0);

    const withImage = card(reader, 'Ruth has a picture');
    expect(await withImage.locator('.excerpt').textContent()).toBe('Short and pictured.');
    await until(
      reader,
      `[...document.querySelectorAll('img.thumb')].some((img) => img.naturalWidth === 240)`,
    );
    const time = withImage.locator('time');
    expect(await time.getAttribute('datetime')).toBe(created.body.createdAt);
    expect(await time.getAttribute('title')).toBe(created.body.createdAt);
    expect(await time.textContent()).toMatch(/^(now|\d+ seconds? ago|\d+ minutes? ago)$/);
  });

  it('says so when there are no posts, and links to writing the first one', async () => {
    const writer = await h.user('sybil', 'Sybil');
    await writer.goto(h.url('#/?author=nobody-yet'));
    await writer.locator('.empty', { hasText: 'No posts yet — write the first one.' }).waitFor();
    await writer.getByRole('link', { name: 'write the first one' }).click();
    await writer.getByRole('heading', { level: 1, name: 'Write a post' }).waitFor();
  });

  it('renders the body as Markdown and shows a script tag as text that never runs', async () => {
    const script = '<script>window.__ran = true</script>';
    const { id } = await h.seedPost('trudy', 'Tries a script', {
      body: [
        '## Hello',
        '',
        'Some **bold**, a [good link](https://example.com/) and a [bad one](javascript:window.__ran=true).',
        '',
        script,
        '',
        '<img src="x" onerror="window.__ran = true">',
        '',
        '- one',
        '- two',
      ].join('\n'),
    });
    const reader = await h.user(null);
    await reader.goto(h.url(`#/posts/${id}`));
    const body = reader.locator('.markdown');
    await body.getByRole('heading', { level: 2, name: 'Hello' }).waitFor();
    expect(await body.locator('strong').textContent()).toBe('bold');
    expect(await body.locator('li').allTextContents()).toEqual(['one', 'two']);
    const good = body.getByRole('link', { name: 'good link' });
    expect(await good.getAttribute('href')).toBe('https://example.com/');
    expect(await good.getAttribute('rel')).toContain('noopener');
    // The javascript: link is left as the text it was written as, not made a link.
    expect(await body.locator('a').count()).toBe(1);
    // The tags arrive as text, so the page shows them and the DOM has no script or img from the body.
    expect(await body.textContent()).toContain(script);
    expect(await body.locator('script, img').count()).toBe(0);
    expect(await reader.evaluate('window.__ran')).toBeUndefined();

    // The list's excerpt is text too.
    await reader.goto(h.url('#/?author=trudy'));
    const excerpt = card(reader, 'Tries a script').locator('.excerpt');
    expect(await excerpt.textContent()).toContain(script);
    expect(await reader.locator('.posts script, .posts .excerpt img').count()).toBe(0);
    expect(await reader.evaluate('window.__ran')).toBeUndefined();
  });

  it('lets the author edit title, body, tags and picture, and says when someone else changed the post', async () => {
    const { id, token } = await h.seedPost('victor', 'Before the edit', { tags: ['draft'] });
    const victor = await h.user('victor', 'Victor');
    await victor.goto(h.url(`#/posts/${id}`));
    await victor.getByRole('link', { name: 'Edit' }).click();
    await victor.getByLabel('Title').fill('After the edit');
    await victor.getByLabel('Text').fill('Now with *emphasis*.');
    await victor.getByLabel('Tags').fill('edited, markdown');
    await victor.getByLabel('Picture').setInputFiles(await h.pngFile('edit.png', 200, 120));
    await victor.getByRole('button', { name: 'Save changes' }).click();
    await victor.getByRole('heading', { level: 1, name: 'After the edit' }).waitFor();
    expect(await victor.locator('.markdown em').textContent()).toBe('emphasis');
    expect(await victor.getByRole('list', { name: 'Tags' }).textContent()).toBe('#edited#markdown');
    await until(victor, `document.querySelector('img.post-image')?.naturalWidth === 200`);

    // Someone (the author, in another tab) saves between opening the form and saving it.
    await victor.getByRole('link', { name: 'Edit' }).click();
    await victor.getByLabel('Title').fill('My stale edit');
    const other = await h.stack.request('PATCH', `/api/posts/${id}`, {
      token,
      body: { title: 'Saved elsewhere' },
    });
    expect(other.status).toBe(200);
    await victor.getByRole('button', { name: 'Save changes' }).click();
    await victor.getByRole('alert').filter({ hasText: 'Someone else changed this post — reload' }).waitFor();
    expect((await h.stack.request('GET', `/api/posts/${id}`)).body.title).toBe('Saved elsewhere');

    await victor.getByRole('button', { name: 'Reload' }).click();
    await until(victor, `document.querySelector('#post-title')?.value === 'Saved elsewhere'`);
    await victor.getByLabel('Title').fill('Edited on top of the latest');
    await victor.getByRole('button', { name: 'Save changes' }).click();
    await victor.getByRole('heading', { level: 1, name: 'Edited on top of the latest' }).waitFor();
  });

  it('turns the live indicator green only once subscribed, and amber while reconnecting', async () => {
    const { id } = await h.seedPost('wendy', 'Watching the dot');
    const reader = await h.user(null);
    // Playwright stands between the page and the real gateway, holding the connection until the test lets it
    // through and cutting it on demand; what passes is the gateway's own traffic.
    const routes: WebSocketRoute[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let subscribeSent = () => {};
    const subscribed = new Promise<void>((resolve) => {
      subscribeSent = resolve;
    });
    const wsPort = new URL(h.stack.wsUrl).port;
    await reader.routeWebSocket(
      (url) => url.port === wsPort,
      (route) => {
        routes.push(route);
        const held: (string | Buffer)[] = [];
        let server: WebSocketRoute | null = null;
        route.onMessage((message) => {
          if (server) return server.send(message);
          held.push(message);
          subscribeSent();
        });
        void released.then(() => {
          server = route.connectToServer();
          for (const message of held.splice(0)) server.send(message);
        });
      },
    );
    const status = reader.locator('.live[role="status"]');
    await reader.goto(h.url(`#/posts/${id}`));
    // The page's socket is open and has sent its subscribe, but no answer came: not live yet.
    await subscribed;
    expect(await status.getAttribute('data-live')).toBe('connecting');
    expect(routes).toHaveLength(1);
    expect(await dotColour(reader)).toBe(await cssColour(reader, '--muted'));

    release();
    await reader.locator('[data-live="live"]').waitFor();
    expect(await dotColour(reader)).toBe(await cssColour(reader, '--ok'));

    // The connection drops: amber and "reconnecting" until the page is subscribed again on a new one. The
    // page retries after a second, so state, text and colour are read together, in one evaluation.
    const warn = await cssColour(reader, '--warn');
    await routes[0]?.close({ code: 1001, reason: 'Going away' });
    await until(
      reader,
      `(() => {
        const status = document.querySelector('.live[role="status"]');
        return status?.dataset.live === 'offline' && status.textContent.includes('reconnecting') &&
          getComputedStyle(status, '::before').color === ${JSON.stringify(warn)};
      })()`,
    );
    await reader.locator('[data-live="live"]').waitFor();
    expect(routes).toHaveLength(2);
  });

  it('shows the contract’s message when storage is down, and a retry that recovers', async () => {
    await h.seedPost('xavier', 'Still here after the outage');
    await db.stop();
    try {
      const down = await h.stack.request('GET', '/api/posts');
      expect(down.status).toBe(503);
      const reader = await h.user(null);
      await reader.goto(h.url('#/'));
      await reader.getByRole('alert').filter({ hasText: down.body.error.message }).waitFor();
      await reader.getByRole('button', { name: 'Try again' }).waitFor();

      // As the message says, "in a moment": the API's circuit breaker answers 503 at once until it has seen
      // storage answer again, so the reader retries once the stack is healthy.
      await db.resume();
      await untilHealthy(h);
      await reader.getByRole('button', { name: 'Try again' }).click();
      await reader.getByRole('link', { name: 'Still here after the outage' }).waitFor();
      expect(await reader.getByRole('alert').count()).toBe(0);
    } finally {
      await db.resume();
    }
  });

  it('threw no uncaught errors in any page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});

/** Polls the stack's health, bounded, until it answers 200. */
async function untilHealthy(h: WebHarness, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await h.stack.request('GET', '/api/health')).status !== 200) {
    if (Date.now() > deadline) throw new Error(`The stack was still unhealthy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The computed colour of the live indicator's dot. */
const dotColour = (page: Page) =>
  page.evaluate(`getComputedStyle(document.querySelector('.live'), '::before').color`) as Promise<string>;

/** A custom property of the stylesheet as a computed colour, to compare with `dotColour`. */
const cssColour = (page: Page, property: string) =>
  page.evaluate(`(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(${property})';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  })()`) as Promise<string>;
