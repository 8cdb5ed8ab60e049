import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirebaseVerifier } from '../../src/adapters/auth/firebase-verifier.js';
import { type FirebaseAuthStandIn, startFirebaseAuthStandIn } from '../support/firebase-auth-stand-in.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

/**
 * Signing in with Firebase in Chromium, through Firebase's own web SDK (@firebase/auth, loaded only when the
 * runtime config names a Firebase project) pointed with `connectAuthEmulator` at a stand-in of the Firebase
 * Auth emulator; the API verifies the ID tokens with its own Firebase verifier (issuer
 * https://securetoken.google.com/<project>, audience <project>) reading the stand-in's keys. The page runs
 * under the stack's real Content-Security-Policy, which names the stand-in as a site's names Firebase.
 */
const PROJECT = 'blogapp-test';
const ADA = { uid: 'ada-fb', email: 'ada@example.test', password: 'correct horse', displayName: 'Ada' };
/**
 * The client renews at four fifths of a token's lifetime; the SDK takes a token with under 30 s left as
 * expired (it would renew on every read), so this is the shortest that refreshes once within a test.
 */
const TOKEN_TTL_SECONDS = 40;

describe('Firebase sign-in in Chromium', { timeout: 120_000 }, () => {
  let h: WebHarness;
  let firebase: FirebaseAuthStandIn;
  const violations: string[] = [];

  beforeAll(async () => {
    firebase = await startFirebaseAuthStandIn({
      projectId: PROJECT,
      apiKey: 'test-web-api-key',
      users: [ADA],
      tokenTtlSeconds: TOKEN_TTL_SECONDS,
    });
    h = await startWebHarness(
      'memory',
      { APP_AUTH_PROVIDER: 'firebase', FIREBASE_PROJECT_ID: PROJECT },
      {
        verifier: createFirebaseVerifier({ projectId: PROJECT, jwksUrl: firebase.jwksUrl }),
        signInOrigins: [firebase.url],
      },
    );
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await firebase?.close();
  });

  /** A visitor whose runtime config names the Firebase project, as the deployed site's does (plus the emulator). */
  const visitor = async (withFirebase = true) => {
    const page = await h.user(null);
    const context = page.context();
    const config = {
      firebase: {
        apiKey: firebase.apiKey,
        authDomain: `${PROJECT}.firebaseapp.com`,
        projectId: PROJECT,
        emulatorUrl: firebase.url,
      },
    };
    if (withFirebase) await context.addInitScript(`window.BLOGAPP_CONFIG = ${JSON.stringify(config)};`);
    // Nothing may leave the machine: Google's own endpoints would be a failure of the emulator wiring.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    return page;
  };

  const bearerOf = (page: Page, method: string, path: string) =>
    page
      .waitForRequest((request) => request.method() === method && new URL(request.url()).pathname === path)
      .then((request) => request.headers().authorization?.replace(/^Bearer /, '') ?? '');

  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

  /** The header's link to the signed-in user's profile. */
  const signedInAs = (page: Page) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: ADA.displayName, exact: true });

  const signIn = async (page: Page, password = ADA.password) => {
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  /** The users Firebase's SDK keeps for the next visit (its IndexedDB store, as the SDK names it), with their ID token. */
  const keptUsers = (page: Page) =>
    page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('firebaseLocalStorageDb');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('firebaseLocalStorage')) return resolve([]);
        const all = db.transaction('firebaseLocalStorage').objectStore('firebaseLocalStorage').getAll();
        all.onsuccess = () => resolve(all.result
          .filter((entry) => String(entry.fbase_key).startsWith('firebase:authUser:'))
          .map((entry) => ({ uid: entry.value.uid, token: entry.value.stsTokenManager.accessToken })));
      };
    })`) as Promise<{ uid: string; token: string }[]>;

  it('loads Firebase’s SDK only on a site configured for Firebase', async () => {
    /** The text of every script the page ran: the SDK is the one that names Firebase Auth's REST host. */
    const scripts = (page: Page) => {
      const bodies: Promise<string>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') bodies.push(response.text());
      });
      return async () =>
        (await Promise.all(bodies)).filter((body) => body.includes('identitytoolkit.googleapis.com'));
    };
    const plain = await visitor(false);
    const plainSdk = scripts(plain);
    await plain.goto(h.url('#/'));
    await plain.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    const configured = await visitor();
    const configuredSdk = scripts(configured);
    await configured.goto(h.url('#/'));
    await configured.getByRole('link', { name: 'Sign in', exact: true }).waitFor();

    expect(await plainSdk()).toEqual([]);
    expect(await configuredSdk()).toHaveLength(1);
  });

  it('signs in with email and password, and the API takes the Firebase ID token for a write', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    const profileRead = bearerOf(page, 'GET', '/api/me');
    await signIn(page);

    await signedInAs(page).waitFor();
    const token = await profileRead;
    expect(claimsOf(token)).toMatchObject({
      iss: `https://securetoken.google.com/${PROJECT}`,
      aud: PROJECT,
      sub: ADA.uid,
    });
    expect(firebase.calls).toContain('identitytoolkit.googleapis.com/v1/accounts:signInWithPassword');

    const write = bearerOf(page, 'POST', '/api/posts');
    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Title').fill('Signed in with Firebase');
    await page.getByLabel('Text').fill('Through Firebase’s own SDK.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signed in with Firebase' }).waitFor();
    expect(claimsOf(await write).sub).toBe(ADA.uid);
  });

  it('says what went wrong with a wrong password, and stays signed out', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await signIn(page, 'wrong password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    expect(await page.getByRole('link', { name: 'Write', exact: true }).count()).toBe(0);
  });

  it('creates an account: signed in at once, and Firebase asked to mail the verification link', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill('grace@example.test');
    await page.getByLabel('Password').fill('a new password');
    const profileRead = bearerOf(page, 'GET', '/api/me');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('link', { name: 'Write', exact: true }).waitFor();
    expect(claimsOf(await profileRead)).toMatchObject({ email: 'grace@example.test', aud: PROJECT });
    expect(firebase.verificationMails).toEqual(['grace@example.test']);

    // The same address again is refused, saying what to do instead.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill('grace@example.test');
    await page.getByLabel('Password').fill('another password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').filter({ hasText: 'already has an account' }).waitFor();
  });

  it('uses the ID token the SDK refreshed, and the API accepts it', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    const first = bearerOf(page, 'GET', '/api/me');
    await signIn(page);
    await page.getByRole('link', { name: 'Write', exact: true }).waitFor();
    const firstToken = await first;

    // Bounded by the token's lifetime: the client renews at four fifths of it.
    await page.waitForResponse(
      (response) => response.url().includes('/securetoken.googleapis.com/v1/token'),
      {
        timeout: TOKEN_TTL_SECONDS * 1000 * 2,
      },
    );
    await expect.poll(async () => (await keptUsers(page))[0]?.token).not.toBe(firstToken);
    // The app adopts what onIdTokenChanged reports; a write then carries the new token.
    const write = bearerOf(page, 'POST', '/api/posts');
    await page.getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByLabel('Title').fill('After Firebase refreshed');
    await page.getByLabel('Text').fill('Still signed in.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { level: 1, name: 'After Firebase refreshed' }).waitFor();
    const fresh = await write;
    expect(fresh).toBe((await keptUsers(page))[0]?.token);
    expect(claimsOf(fresh).iat).toBeGreaterThan(claimsOf(firstToken).iat);
  });

  it('signs out through the SDK: the page and the SDK both forget the user', async () => {
    const page = await visitor();
    await page.goto(h.url('#/'));
    await signIn(page);
    await signedInAs(page).waitFor();
    // The SDK keeps its user across reloads: the page comes back signed in.
    await page.reload();
    await signedInAs(page).waitFor();
    expect((await keptUsers(page)).map((user) => user.uid)).toEqual([ADA.uid]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(() => keptUsers(page)).toEqual([]);
  });

  it('raised no error and no policy violation in any page', () => {
    expect(h.pageErrors).toEqual([]);
    expect(violations).toEqual([]);
  });
});
