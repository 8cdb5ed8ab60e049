import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { buildWebClient } from '../../src/deploy/site/build-site.js';
import { readSiteFiles } from '../../src/deploy/site/site-files.js';
import { resolve, scenario } from '../infrastructure/support/intrinsics.js';
import { launchChromium } from '../support/browser.js';

/**
 * The Content-Security-Policy CloudFront adds to the hosted site (the template's response headers policy,
 * resolved for a deployment), enforced by a real browser: the site's own script runs, a script from any
 * other origin is refused.
 */
const template = await loadTemplate();
const headersPolicy = resolve(
  template,
  template.Resources.SiteHeadersPolicy?.Properties,
  scenario(template, { Environment: 'staging', AllowedOrigins: 'https://blog.mine.dev' }),
) as {
  ResponseHeadersPolicyConfig: {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
  };
};
const CSP =
  headersPolicy.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;

const listen = async (handler: Parameters<typeof createServer>[1]) => {
  const server = createServer(handler);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

describe('the site’s Content-Security-Policy in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let site: { server: Server; origin: string };
  let elsewhere: { server: Server; origin: string };
  const requestedElsewhere: string[] = [];

  beforeAll(async () => {
    elsewhere = await listen((request, response) => {
      requestedElsewhere.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/javascript' }).end('window.foreignRan = true;');
    });
    site = await listen((request, response) => {
      if (request.url === '/own.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end('window.ownRan = true;');
        return;
      }
      response
        .writeHead(200, { 'content-type': 'text/html', 'content-security-policy': CSP })
        .end(
          `<!doctype html><script>window.inlineRan = true;</script><script src="/own.js"></script>` +
            `<script src="${elsewhere.origin}/foreign.js"></script>`,
        );
    });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    for (const s of [site, elsewhere]) await new Promise((done) => s?.server.close(done));
  });

  it('runs the site’s own script and refuses an inline one and one from another origin', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`${site.origin}/`);
    await page.waitForFunction('window.ownRan === true');

    expect(await page.evaluate('window.foreignRan === true')).toBe(false);
    expect(await page.evaluate('window.inlineRan === true')).toBe(false);
    expect(requestedElsewhere).toEqual([]);
    expect(violations.some((v) => v.includes(`${elsewhere.origin}/foreign.js`))).toBe(true);
    await page.close();
  });

  it('lets the built web client start under it, with no violation', async () => {
    // The client as the deploy publishes it, served with the header CloudFront adds.
    const buildDir = join('test-results', `site-csp-${process.pid}`);
    const files = new Map((await readSiteFiles(await buildWebClient(buildDir))).map((f) => [`/${f.key}`, f]));
    await rm(buildDir, { recursive: true, force: true });
    const client = await listen((request, response) => {
      const path = request.url === '/' ? '/index.html' : (request.url ?? '');
      if (path === '/blogapp-config.js') {
        response
          .writeHead(200, { 'content-type': 'text/javascript' })
          .end(`window.BLOGAPP_CONFIG = { apiUrl: '', wsUrl: 'ws://' + location.host };`);
        return;
      }
      const file = files.get(path);
      if (!file) return response.writeHead(404, { 'content-security-policy': CSP }).end();
      response
        .writeHead(200, { 'content-type': file.contentType, 'content-security-policy': CSP })
        .end(file.body);
    });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(message.text());
      });
      await page.goto(`${client.origin}/`);
      await page.getByRole('link', { name: 'blogapp' }).waitFor();
      await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
      expect(violations).toEqual([]);
      await page.close();
    } finally {
      await new Promise((done) => client.server.close(done));
    }
  });
});
