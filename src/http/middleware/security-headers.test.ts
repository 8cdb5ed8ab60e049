import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

/** The same routes behind a security-headers middleware: JSON, a handler's own headers, 204, an error. */
function appWith(middleware: MiddlewareHandler): Hono {
  const app = new Hono();
  app.use(middleware);
  app.get('/json', (c) => c.json({ ok: true }));
  app.get('/own', (c) => {
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Powered-By', 'blogapp');
    c.header('ETag', '"1"');
    return c.json({ ok: true });
  });
  app.delete('/empty', (c) => c.body(null, 204));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.onError((_error, c) => c.json({ error: 'internal' }, 500));
  return app;
}

async function answer(app: Hono, path: string, method = 'GET') {
  const response = await app.request(path, { method });
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

describe('securityHeaders', () => {
  const variants = [
    {},
    { crossOriginResourcePolicy: 'cross-origin' },
    { xFrameOptions: false, removePoweredBy: false },
  ];
  for (const options of variants) {
    it(`answers exactly as Hono's secureHeaders does, options ${JSON.stringify(options)}`, async () => {
      const ours = appWith(securityHeaders(options));
      const hono = appWith(secureHeaders(options));
      for (const [path, method] of [['/json'], ['/own'], ['/empty', 'DELETE'], ['/boom'], ['/missing']]) {
        // Twice: the first request works the list out, the second uses it.
        for (let round = 0; round < 2; round++) {
          expect(await answer(ours, path as string, method), `${path} #${round}`).toEqual(
            await answer(hono, path as string, method),
          );
        }
      }
    });
  }

  it('refuses a policy with per-request values, which one list cannot hold', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { scriptSrc: [() => 'nonce'] } })).toThrow(
      /per-request/,
    );
  });
});
