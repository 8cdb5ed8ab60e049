import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawAnswer, rawHttp } from '../support/raw-http.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** A request with a chosen `Host` header, as a DNS-rebound page would send it (fetch picks its own). */
function withHost(
  base: string,
  method: string,
  path: string,
  host: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return rawHttp(`${base}${path}`, {
    method,
    headers: { ...headers, host, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 reaches the local stack as
 * its own origin, but its requests still say `Host: attacker.example`. The stack answers only loopback names
 * and the ones it was configured with (CONTRACT.md: 421 otherwise).
 */
describe('local stack Host check', () => {
  let stack: TestStack;
  let port: string;

  beforeAll(async () => {
    stack = await startTestStack('memory', {
      APP_LOCAL_HOSTS: 'blog.test',
      APP_PUBLIC_URL: 'http://laptop.lan:3000',
    });
    port = new URL(stack.apiUrl).port;
  });
  afterAll(() => stack?.close());

  it('refuses another name with 421 in the error shape, before any route runs: no dev token is minted', async () => {
    const mint = await withHost(stack.apiUrl, 'POST', '/api/dev/token', `attacker.example:${port}`, {
      userId: 'mallory',
    });
    expect(mint.status).toBe(421);
    expect(mint.headers['x-request-id']).toEqual(expect.any(String));
    const body = JSON.parse(mint.body);
    expect(body).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(body.error.message).toContain('APP_LOCAL_HOSTS');
    expect(mint.body).not.toContain('token":');
    for (const host of ['attacker.example', '127.0.0.1.attacker.example', 'localhost.attacker.example']) {
      expect((await withHost(stack.apiUrl, 'GET', '/api/posts', host)).status, host).toBe(421);
    }
  });

  it("echoes the caller's request id on a 421, as on every answer", async () => {
    const refused = (headers: Record<string, string>) =>
      withHost(stack.apiUrl, 'GET', '/api/posts', 'attacker.example', undefined, headers);
    expect((await refused({ 'x-request-id': 'req-421' })).headers['x-request-id']).toBe('req-421');
    expect((await refused({ 'x-correlation-id': 'corr-421' })).headers['x-request-id']).toBe('corr-421');
    const insane = await refused({ 'x-request-id': 'a b"<' });
    expect(insane.status).toBe(421);
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers loopback names and the configured ones', async () => {
    const hosts = [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST.:${port}`,
      `app.localhost:${port}`,
      `[::1]:${port}`,
      `blog.test:${port}`,
      'laptop.lan:3000',
    ];
    for (const host of hosts) {
      expect((await withHost(stack.apiUrl, 'GET', '/api/health', host)).status, host).toBe(200);
    }
  });
});
