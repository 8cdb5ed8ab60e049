import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** The local stack serves a built client at `/` and tells it where the WebSocket gateway listens. */
describe('web client serving', () => {
  let stack: TestStack;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'blogapp-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>blogapp</title>');
    stack = await startTestStack('memory', { APP_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await stack.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves the client at / beside the API', async () => {
    expect(stack.webClient).toBe(true);
    const page = await fetch(`${stack.apiUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>blogapp</title>');
    expect((await stack.request('GET', '/api/health')).status).toBe(200);
  });

  it('hands the client the gateway’s port, on whatever host the page was opened from', async () => {
    const response = await fetch(`${stack.apiUrl}/blogapp-config.js`);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const script = await response.text();
    const port = new URL(stack.wsUrl).port;
    const run = (hostname: string, protocol = 'http:', preset?: object) =>
      new Function('window', 'location', `${script}; return window.BLOGAPP_CONFIG;`)(
        preset ? { BLOGAPP_CONFIG: preset } : {},
        { hostname, protocol },
      );
    expect(run('192.168.1.20')).toEqual({ wsUrl: `ws://192.168.1.20:${port}` });
    expect(run('blog.test', 'https:')).toEqual({ wsUrl: `wss://blog.test:${port}` });
    expect(run('x', 'http:', { wsUrl: 'ws://chosen:9' })).toEqual({ wsUrl: 'ws://chosen:9' });
  });

  it('serves the client under a policy naming only its own origin, its WebSocket gateway and image store', async () => {
    const page = await fetch(`${stack.apiUrl}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      policy.split(';').map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      `ws://127.0.0.1:${new URL(stack.wsUrl).port}`,
      stack.apiUrl,
    ]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });

  it('names the Cognito pool the stack accepts, so the client signs in there instead of with dev tokens', async () => {
    const pooled = await startTestStack('memory', {
      APP_WEB_DIR: webDir,
      APP_AUTH_PROVIDER: 'cognito',
      AWS_REGION: 'eu-west-1',
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'webclient,smokeclient',
    });
    try {
      const script = await (await fetch(`${pooled.apiUrl}/blogapp-config.js`)).text();
      const config = new Function('window', 'location', `${script}; return window.BLOGAPP_CONFIG;`)(
        {},
        { hostname: '127.0.0.1', protocol: 'http:' },
      );
      expect(config.signIn).toEqual({
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
        clientId: 'webclient',
      });
    } finally {
      await pooled.close();
    }
  });

  it('serves no client when none is built', async () => {
    const bare = await startTestStack('memory', { APP_WEB_DIR: join(webDir, 'missing') });
    try {
      expect(bare.webClient).toBe(false);
      expect((await fetch(`${bare.apiUrl}/blogapp-config.js`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
