import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { buildWebClient } from '../../src/deploy/site/build-site.js';
import { readSiteFiles } from '../../src/deploy/site/site-files.js';
import { resolve, scenario } from '../infrastructure/support/intrinsics.js';
import { launchChromium } from '../support/browser.js';

/**
 * The Content-Security-Policy CloudFront adds to the hosted site (the template's response headers policy,
 * resolved for a deployment), enforced by a real browser: the site's own script runs, a script from any
 * other origin is refused, and a Firebase stack's policy (only it) lets Firebase's SDK call Firebase Auth.
 */
const template = await loadTemplate();
/** The policy CloudFront adds for a staging stack with these parameters. */
const sitePolicy = (parameters: Record<string, string> = {}) =>
  (
    resolve(
      template,
      template.Resources.SiteHeadersPolicy?.Properties,
      scenario(template, { Environment: 'staging', AllowedOrigins: 'https://blog.mine.dev', ...parameters }),
    ) as {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
      };
    }
  ).ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
const CSP = sitePolicy();
const FIREBASE_CSP = sitePolicy({ AuthProvider: 'firebase', FirebaseProjectId: 'my-blog' });

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

  /** The client as the deploy publishes it, served with the header CloudFront adds and this runtime config. */
  const openBuiltClient = async (policy: string, config: Record<string, unknown>) => {
    const buildDir = join('test-results', `site-csp-${process.pid}`);
    const files = new Map((await readSiteFiles(await buildWebClient(buildDir))).map((f) => [`/${f.key}`, f]));
    await rm(buildDir, { recursive: true, force: true });
    const client = await listen((request, response) => {
      const path = request.url === '/' ? '/index.html' : (request.url ?? '');
      if (path === '/blogapp-config.js') {
        response
          .writeHead(200, { 'content-type': 'text/javascript' })
          .end(
            `window.BLOGAPP_CONFIG = Object.assign(${JSON.stringify(config)}, { apiUrl: '', wsUrl: 'ws://' + location.host });`,
          );
        return;
      }
      const file = files.get(path);
      if (!file) return response.writeHead(404, { 'content-security-policy': policy }).end();
      response
        .writeHead(200, { 'content-type': file.contentType, 'content-security-policy': policy })
        .end(file.body);
    });
    const context = await browser.newContext();
    // Nothing leaves the machine: what the page sends elsewhere (the policy allowing it) is recorded, then dropped.
    const leaving: string[] = [];
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
      leaving.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`${client.origin}/`);
    await page.getByRole('link', { name: 'blogapp' }).waitFor();
    return {
      page,
      leaving,
      violations,
      close: async () => {
        await context.close();
        await new Promise((done) => client.server.close(done));
      },
    };
  };
  const COGNITO_CONFIG = {
    signIn: { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', clientId: 'web' },
  };
  const FIREBASE_CONFIG = {
    firebase: { apiKey: 'AIzaPublicWebKey', authDomain: 'my-blog.firebaseapp.com', projectId: 'my-blog' },
  };
  /** Signs in with email and password on a Firebase client: the SDK's first call to Firebase Auth. */
  const tryFirebaseSignIn = async (page: Page) => {
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill('ada@example.test');
    await page.getByLabel('Password').fill('a password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Dropped by the test either way: refused by the policy, or aborted on its way out.
    await page.getByRole('alert').filter({ hasText: 'Firebase could not be reached' }).waitFor();
  };

  it('lets the built web client of a managed-cognito stack start under it, with no violation', async () => {
    const client = await openBuiltClient(CSP, COGNITO_CONFIG);
    try {
      await client.page.getByRole('link', { name: 'Sign in', exact: true }).click();
      await client.page.getByRole('button', { name: 'Continue to sign-in' }).waitFor();
      expect(client.violations).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('lets a Firebase stack’s client load Firebase’s SDK and reach Firebase Auth under that stack’s policy', async () => {
    const client = await openBuiltClient(FIREBASE_CSP, FIREBASE_CONFIG);
    try {
      await tryFirebaseSignIn(client.page);
      expect(client.leaving.map((url) => new URL(url).origin + new URL(url).pathname)).toContain(
        'https://identitytoolkit.googleapis.com/v1/accounts:signInWithPassword',
      );
      expect(client.violations).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('refuses Firebase Auth to the same client under a policy made for Cognito', async () => {
    const client = await openBuiltClient(CSP, FIREBASE_CONFIG);
    try {
      await tryFirebaseSignIn(client.page);
      expect(client.leaving).toEqual([]);
      expect(client.violations.some((v) => v.includes('identitytoolkit.googleapis.com'))).toBe(true);
    } finally {
      await client.close();
    }
  });
});
