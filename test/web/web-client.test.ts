import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTPUT_DIR,
  overflowsHorizontally,
  startWebHarness,
  tabTo,
  until,
  type WebHarness,
} from './web-harness.js';

/**
 * The web client in a real browser (Debian's Chromium through playwright-core) against the real local stack:
 * what a newcomer does by hand after `make local`, as in issue 9.
 */
describe('web client in Chromium', { timeout: 120_000 }, () => {
  let h: WebHarness;

  beforeAll(async () => {
    h = await startWebHarness();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const seedPost = (userId: string, title: string, extra?: Record<string, unknown>) =>
    h.seedPost(userId, title, extra);
  const seedImage = (token: string, width?: number) => h.seedImage(token, width);

  const waitLive = (page: Page) => page.locator('[data-live="live"]').waitFor();

  it('signs in by name, publishes a post, and shows another user’s comment live without a reload', async () => {
    const alice = await h.user(null);
    await alice.goto(h.url('#/sign-in'));
    await alice.getByRole('button', { name: 'Alice' }).click();
    await alice.getByRole('link', { name: 'Write', exact: true }).click();
    await alice.getByLabel('Title').fill('Hello from the browser');
    await alice.getByLabel('Text').fill('Written in Chromium, read live.');
    await alice.getByLabel('Tags').fill('intro, e2e');
    await alice.getByRole('button', { name: 'Publish' }).click();
    await alice.getByRole('heading', { level: 1, name: 'Hello from the browser' }).waitFor();
    await waitLive(alice);
    // Marks this document: if the page reloaded to show the comment, the mark would be gone.
    await alice.evaluate('window.__sameDocument = true');
    const postUrl = alice.url();

    const bob = await h.user('bob', 'Bob');
    await bob.goto(postUrl);
    await bob.getByLabel('Add a comment').fill('Nice one, Alice!');
    await bob.getByRole('button', { name: 'Post comment' }).click();
    await bob.locator('.comment', { hasText: 'Nice one, Alice!' }).waitFor();

    await alice.locator('.comment', { hasText: 'Nice one, Alice!' }).waitFor();
    await alice.getByRole('heading', { name: 'Comments (1)' }).waitFor();
    expect(await alice.evaluate('window.__sameDocument')).toBe(true);

    // Deleting goes out live too: the post's author removes the comment, the commenter sees it go.
    await waitLive(bob);
    await alice.getByRole('button', { name: 'Delete comment by Bob' }).click();
    await bob.locator('.comment', { hasText: 'Nice one, Alice!' }).waitFor({ state: 'detached' });
    await bob.getByRole('heading', { name: 'Comments (0)' }).waitFor();
  });

  it('tells a reader live when the post they are reading is deleted, and closes its comments', async () => {
    const { id, token } = await h.seedPost('violet', 'Here, then gone');
    const reader = await h.user('walt', 'Walt');
    await reader.goto(h.url(`#/posts/${id}`));
    await reader.locator('[data-live="live"]').waitFor();
    expect(await reader.locator('form.comment-form').count()).toBe(1);

    const deleted = await h.stack.request('DELETE', `/api/posts/${id}`, { token });

    expect(deleted.status).toBe(204);
    await reader.locator('.gone[role="alert"]', { hasText: 'This post was deleted' }).waitFor();
    expect(await reader.locator('.live[role="status"]').count()).toBe(0);
    expect(await reader.locator('form.comment-form').count()).toBe(0);
  });

  it('toggles a favorite and shows the count the API keeps', async () => {
    const { id } = await seedPost('carol', 'Worth a star');
    const dave = await h.user('dave', 'Dave');
    await dave.goto(h.url(`#/posts/${id}`));
    const toggle = dave.getByRole('button', { name: /Favorite/ });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await dave.locator('.favorite', { hasText: '0 favorites' }).waitFor();

    await toggle.click();
    await dave.locator('.favorite', { hasText: '1 favorite' }).waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await dave.getByRole('button', { name: '★ Favorited' }).waitFor();

    // A second fan counts too, and each sees the total.
    const erin = await h.user('erin', 'Erin');
    await erin.goto(h.url(`#/posts/${id}`));
    await erin.getByRole('button', { name: '☆ Favorite' }).click();
    await erin.locator('.favorite', { hasText: '2 favorites' }).waitFor();

    // Dave's page learns of Erin's favorite when it reads the post again.
    await dave.reload();
    await dave.locator('.favorite', { hasText: '2 favorites' }).waitFor();
    await dave.getByRole('button', { name: '★ Favorited' }).click();
    await dave.getByRole('button', { name: '☆ Favorite' }).waitFor();
    await dave.locator('.favorite', { hasText: '1 favorite' }).waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    // The profile lists the reader's favorites.
    await erin.getByRole('link', { name: 'Erin' }).click();
    await erin
      .getByRole('list', { name: 'My favorites' })
      .getByRole('link', { name: 'Worth a star' })
      .waitFor();
  });

  it('uploads a picture with a new post, shows it, and lets the author edit and delete the post', async () => {
    const frank = await h.user('frank', 'Frank');
    await frank.goto(h.url('#/new'));
    await frank.getByLabel('Title').fill('A blue picture');
    await frank.getByLabel('Text').fill('Uploaded straight to storage.');
    await frank.getByLabel('Picture').setInputFiles(await h.pngFile('blue.png', 320, 180));
    await frank.locator('img.preview').waitFor();
    await frank.getByRole('button', { name: 'Publish' }).click();
    await frank.getByRole('heading', { level: 1, name: 'A blue picture' }).waitFor();
    // Loaded and decoded, not just present: the presigned GET served the bytes.
    await until(
      frank,
      `(() => { const img = document.querySelector('img.post-image'); return img?.complete && img.naturalWidth === 320; })()`,
    );

    await frank.getByRole('link', { name: 'Edit' }).click();
    await frank.getByLabel('Title').fill('A blue picture, renamed');
    await frank.getByRole('button', { name: 'Save changes' }).click();
    await frank.getByRole('heading', { level: 1, name: 'A blue picture, renamed' }).waitFor();
    expect(await frank.locator('img.post-image').count()).toBe(1);

    // Others see no Edit or Delete.
    const grace = await h.user('grace', 'Grace');
    await grace.goto(frank.url());
    await grace.getByRole('heading', { level: 1, name: 'A blue picture, renamed' }).waitFor();
    expect(await grace.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await grace.getByRole('link', { name: 'Edit' }).count()).toBe(0);

    const postId = decodeURIComponent(frank.url().split('#/posts/')[1] ?? '');
    await frank.getByRole('button', { name: 'Delete', exact: true }).click();
    await frank.getByRole('button', { name: 'Yes, delete' }).click();
    await frank.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    await grace.reload();
    await grace.getByRole('heading', { level: 1, name: 'Post unavailable' }).waitFor();
    const notFound = await h.stack.request('GET', `/api/posts/${postId}`);
    expect(notFound.status).toBe(404);
    await grace.getByRole('alert').filter({ hasText: notFound.body.error.message }).waitFor();
  });

  it('shows the contract’s error message for an invalid form, beside the field', async () => {
    const heidi = await h.user('heidi', 'Heidi');
    const token = await h.stack.token('heidi', 'Heidi');
    const expected = await h.stack.request('POST', '/api/posts', {
      token,
      body: { title: '   ', body: 'x' },
    });
    expect(expected.status).toBe(422);

    await heidi.goto(h.url('#/new'));
    await heidi.getByLabel('Title').fill('   ');
    await heidi.getByLabel('Text').fill('x');
    await heidi.getByRole('button', { name: 'Publish' }).click();
    await heidi.getByRole('alert').filter({ hasText: expected.body.error.message }).waitFor();
    const title = heidi.getByLabel('Title');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const issue = expected.body.error.details.find((d: { field: string }) => d.field === 'title');
    await heidi.locator('#post-title-error', { hasText: issue.message }).waitFor();
    expect(heidi.url()).toContain('#/new');
  });

  it('pages through the posts with “Load more”', async () => {
    const { token } = await seedPost('ivan', 'Ivan 0');
    for (let i = 1; i < 25; i++) {
      await h.stack.request('POST', '/api/posts', { token, body: { title: `Ivan ${i}`, body: 'b' } });
    }
    const reader = await h.user(null);
    await reader.goto(h.url('#/?author=ivan'));
    const items = reader.getByRole('list', { name: /posts/i }).getByRole('listitem');
    await reader.getByRole('link', { name: 'Ivan 24' }).waitFor();
    expect(await items.count()).toBe(20);
    await reader.getByRole('button', { name: 'Load more posts' }).click();
    await reader.getByRole('link', { name: 'Ivan 0', exact: true }).waitFor();
    expect(await items.count()).toBe(25);
    expect(await reader.getByRole('button', { name: 'Load more posts' }).count()).toBe(0);
  });

  it('works with the keyboard alone: sign in, open a post, favorite it, comment', async () => {
    const { id } = await seedPost('judy', 'Keyboard friendly');
    const page = await h.user(null);
    await page.goto(h.url('#/'));
    await page.getByRole('link', { name: 'Keyboard friendly' }).waitFor();

    await tabTo(page, 'nav a[href^="#/sign-in"]');
    await page.keyboard.press('Enter');
    // After a navigation the new page's heading has the focus.
    await until(
      page,
      `document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Sign in'`,
    );
    await tabTo(page, '#user-name');
    await page.keyboard.type('Kim');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Kim' }).waitFor();
    await page.getByRole('link', { name: 'Keyboard friendly' }).waitFor();

    await tabTo(page, `a[href="#/posts/${id}"]`);
    await page.keyboard.press('Enter');
    await until(page, `document.activeElement?.textContent === 'Keyboard friendly'`);
    await tabTo(page, 'button[aria-pressed]');
    await page.keyboard.press('Space');
    await page.locator('.favorite', { hasText: '1 favorite' }).waitFor();

    await tabTo(page, '#comment-body');
    await page.keyboard.type('Typed without a mouse.');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('.comment', { hasText: 'Typed without a mouse.' }).waitFor();
  });

  it('fits a 375-pixel-wide screen without horizontal scrolling', async () => {
    const { id, token } = await seedPost('mallory', `A${'very'.repeat(30)}longtitlewithoutspaces`, {
      tags: ['narrow', 'screen'],
    });
    await h.stack.request('PATCH', `/api/posts/${id}`, {
      token,
      body: { imageKey: await seedImage(token, 800) },
    });
    const phone = await h.user('niaj', 'Niaj', { width: 375, height: 740 });
    for (const hash of ['#/', `#/posts/${id}`, '#/new', '#/profile', '#/sign-in']) {
      await phone.goto(h.url(hash));
      await phone.locator('h1').waitFor();
      // The post's picture (800 px wide) has to be loaded to count: it is the widest thing on the page.
      if (hash.startsWith('#/posts/')) {
        await until(phone, `document.querySelector('img.post-image')?.naturalWidth === 800`);
      }
      expect(await overflowsHorizontally(phone), hash).toBe(false);
    }
  });

  it('saves a screenshot of a post page for the README', async () => {
    const token = await h.stack.token('olivia', 'Olivia');
    const { id } = await seedPost('olivia', 'Live comments, pictures and favorites', {
      body: [
        'Written in **Markdown** through the API, with a picture:',
        '',
        '- the comments below arrived over the *WebSocket* while the page was open;',
        '- the star is a favorite, counted by the API.',
      ].join('\n'),
      tags: ['blogapp', 'demo'],
      imageKey: await seedImage(token),
    });
    const page = await h.user('peggy', 'Peggy', { width: 900, height: 1000 });
    await page.goto(h.url(`#/posts/${id}`));
    await waitLive(page);
    await page.getByRole('button', { name: '☆ Favorite' }).click();
    await page.getByRole('button', { name: '★ Favorited' }).waitFor();
    const trent = await h.stack.token('trent', 'Trent');
    for (const [who, body] of [
      [trent, 'Arrived live, no reload needed.'],
      [token, 'Thanks! Pushed over the WebSocket.'],
    ] as const) {
      await h.stack.request('POST', `/api/posts/${id}/comments`, { token: who, body: { body } });
      await page.locator('.comment', { hasText: body }).waitFor();
    }
    await until(page, `document.querySelector('img.post-image')?.naturalWidth > 0`);
    const file = join(OUTPUT_DIR, 'screenshot-post.png');
    await page.screenshot({ path: file, fullPage: true });
    // `UPDATE_SCREENSHOTS=1` refreshes the README's copy; otherwise the tracked file is left alone.
    if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(file, 'docs/screenshot-post.png');
  });

  it('threw no uncaught errors in any page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
