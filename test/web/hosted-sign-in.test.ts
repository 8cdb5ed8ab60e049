import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcStandIn, startOidcStandIn } from '../support/oidc-stand-in.js';
import { startForeignOrigin } from './foreign-origin.js';
import { startWebHarness, until, type WebHarness } from './web-harness.js';

/**
 * Signing in on the provider's own pages, in Chromium: the web client's authorization code flow with PKCE,
 * its refresh and its sign-out, against a real OpenID Connect server on loopback (oidc-provider, standing
 * in for Cognito's managed login), with the API verifying the ID tokens that server signs.
 */
describe('hosted sign-in in Chromium', { timeout: 120_000 }, () => {
  let h: WebHarness;
  let provider: OidcStandIn;
  /** Shaped like Cognito: no end_session_endpoint in discovery, a /logout of its own on the hosted domain. */
  let cognitoLike: OidcStandIn;
  let cognitoLogout: { server: Server; url: string; calls: URL[] };
  /** Short enough that a refresh happens within a test, long enough for a busy machine to sign in. */
  const TOKEN_TTL_SECONDS = 20;

  beforeAll(async () => {
    // The providers listen first, so the site's Content-Security-Policy names them as a deployed site's
    // names its sign-in domain; each admits the site's address (its redirect URI) once the site listens.
    provider = await startOidcStandIn({ tokenTtlSeconds: TOKEN_TTL_SECONDS });
    cognitoLike = await startOidcStandIn({ tokenTtlSeconds: 300, endSessionEndpoint: false });
    h = await startWebHarness(
      'memory',
      {},
      {
        verifier: {
          verify: (token) => provider.verifier.verify(token).catch(() => cognitoLike.verifier.verify(token)),
        },
        signInOrigins: [provider.issuer, cognitoLike.issuer],
      },
    );
    provider.admit(`${h.stack.apiUrl}/`);
    cognitoLike.admit(`${h.stack.apiUrl}/`);
    cognitoLogout = await startCognitoLogout();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await provider?.close();
    await cognitoLike?.close();
    await new Promise((done) => cognitoLogout?.server.close(done));
  });

  /** A visitor whose runtime config names the provider, as the deployed site's /blogapp-config.js does. */
  const visitor = async (
    signIn: Record<string, string> = { issuer: provider.issuer, clientId: provider.clientId },
  ) => {
    const page = await h.user(null);
    const context = page.context();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await context.addInitScript(`window.BLOGAPP_CONFIG = ${JSON.stringify({ signIn })};`);
    // The provider's development pages import a web font; nothing here may leave the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    return page;
  };

  /** What the page's policy refused: the flows below must run under it without one. */
  const violations: string[] = [];

  const storedTokens = (page: Page) =>
    page.evaluate(`sessionStorage.getItem('blogapp.signin.tokens')`) as Promise<string | null>;

  /** From the blog's header to the provider's login page and back, signed in as `login`. */
  const signIn = async (page: Page, login: string, issuer = provider.issuer) => {
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await page.waitForURL((url) => url.origin === issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // First sign-in of this client: the provider asks for consent; later ones may not.
    const consent = page.getByRole('button', { name: 'Continue' });
    const back = page.getByRole('link', { name: 'Write', exact: true });
    await Promise.race([consent.waitFor(), back.waitFor()]);
    if (await consent.isVisible()) await consent.click();
    await back.waitFor();
  };

  it('signs in with the authorization code and PKCE, then writes a post the API accepts', async () => {
    const page = await visitor();
    const authorizeRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === provider.issuer && url.pathname === '/auth') authorizeRequests.push(url);
    });
    await page.goto(h.url('#/'));
    await signIn(page, 'ada');

    const [authorize] = authorizeRequests;
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize?.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize?.searchParams.get('state')).toBeTruthy();
    expect(provider.grants).toContain('authorization_code');
    // The code and state are gone from the address bar; the tokens live in this tab's sessionStorage only.
    expect(new URL(page.url()).search).toBe('');
    expect(JSON.parse((await storedTokens(page)) ?? '{}').idToken).toMatch(/^ey/);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Title').fill('Signed in for real');
    await page.getByLabel('Text').fill('Through the provider’s own pages.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signed in for real' }).waitFor();
    await page.getByText('ada', { exact: false }).first().waitFor();
  });

  it('refuses an answer whose state is not the one it sent', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    // A forged return: a code and a state this tab never issued.
    await page.goto(`${h.stack.apiUrl}/?code=forged-code&state=forged-state#/`);
    await page.getByRole('alert').filter({ hasText: 'Signing in did not work' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    expect(await storedTokens(page)).toBeNull();
  });

  it('refreshes the ID token before it expires, and the API takes the new one', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await signIn(page, 'grace');
    const first = JSON.parse((await storedTokens(page)) ?? '{}').idToken as string;

    // Bounded by the token's lifetime: the client refreshes at four fifths of it.
    await until(
      page,
      `(JSON.parse(sessionStorage.getItem('blogapp.signin.tokens') ?? '{}').idToken ?? ${JSON.stringify(first)}) !== ${JSON.stringify(first)}`,
      TOKEN_TTL_SECONDS * 1000 * 2,
    );
    expect(provider.grants).toContain('refresh_token');
    const fresh = JSON.parse((await storedTokens(page)) ?? '{}').idToken as string;

    // The running app writes with the refreshed token, not the one it signed in with.
    const write = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/api/posts'),
    );
    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Title').fill('After a refresh');
    await page.getByLabel('Text').fill('Still signed in.');
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await write).headers().authorization).toBe(`Bearer ${fresh}`);
    await page.getByRole('heading', { level: 1, name: 'After a refresh' }).waitFor();
  });

  it('comes back signed in to a tab whose ID token expired meanwhile, with the refresh token', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await signIn(page, 'turing');
    const grantsBefore = provider.grants.filter((grant) => grant === 'refresh_token').length;
    // As if the tab had slept past the ID token's expiry.
    await page.evaluate(`(() => {
      const key = 'blogapp.signin.tokens';
      const tokens = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...tokens, expiresAt: Date.now() - 1000 }));
    })()`);
    await page.reload();

    await page.getByRole('link', { name: 'Write', exact: true }).waitFor();
    expect(provider.grants.filter((grant) => grant === 'refresh_token').length).toBeGreaterThan(grantsBefore);
  });

  it('signs out: forgets the tokens and ends the provider’s session', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await signIn(page, 'hopper');
    const logoutsBefore = provider.logouts;

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(new URL(page.url()).origin).toBe(h.stack.apiUrl);
    expect(await storedTokens(page)).toBeNull();
    expect(provider.logouts).toBe(logoutsBefore + 1);

    // Signing in again asks for a login: the provider's session went with the sign-out.
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await page.locator('input[name="login"]').waitFor();
  });

  it('signs out at Cognito’s /logout when the provider advertises no end-session endpoint', async () => {
    const page = await visitor({
      issuer: cognitoLike.issuer,
      clientId: cognitoLike.clientId,
      logoutUrl: `${cognitoLogout.url}/logout`,
    });
    await page.goto(h.url('#/'));
    await signIn(page, 'lovelace', cognitoLike.issuer);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await storedTokens(page)).toBeNull();
    expect(cognitoLogout.calls.map((url) => Object.fromEntries(url.searchParams))).toEqual([
      { client_id: cognitoLike.clientId, logout_uri: `${h.stack.apiUrl}/` },
    ]);
  });

  it('refuses, under the same policy, a script from an origin it does not name', async () => {
    const foreign = await startForeignOrigin();
    try {
      const page = await visitor();
      await page.goto(h.url('#/'));
      await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
      // As an injected tag would: the provider's origin is allowed to be called, nothing else is.
      await page.evaluate(`(() => {
        const script = document.createElement('script');
        script.src = ${JSON.stringify(`${foreign.origin}/injected.js`)};
        document.head.append(script);
      })()`);
      await expect.poll(() => violations.some((v) => v.includes(`${foreign.origin}/injected.js`))).toBe(true);
      expect(await page.evaluate('window.__foreignScriptRan === true')).toBe(false);
      expect(foreign.received).toEqual([]);
      violations.splice(0);
    } finally {
      await foreign.close();
    }
  });

  it('raised no error and no policy violation in any page', () => {
    expect(h.pageErrors).toEqual([]);
    expect(violations).toEqual([]);
  });
});

/**
 * Cognito's hosted-domain logout as it behaves (`GET /logout?client_id&logout_uri` ends the session, then
 * redirects to logout_uri): oidc-provider has no such endpoint, so this records the call and redirects.
 */
async function startCognitoLogout(): Promise<{ server: Server; url: string; calls: URL[] }> {
  const calls: URL[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    calls.push(url);
    const back = url.searchParams.get('logout_uri');
    if (url.pathname === '/logout' && back) response.writeHead(302, { location: back }).end();
    else response.writeHead(400).end();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}
