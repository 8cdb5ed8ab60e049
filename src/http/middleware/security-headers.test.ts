import { describe, expect, it } from 'vitest';
import { securityHeaderList } from './security-headers.js';

// That the shell answers with exactly Hono's secureHeaders is request-shell.test.ts's to show.
describe('securityHeaderList', () => {
  it("lists Hono's secureHeaders for the options, in lower case", async () => {
    const list = new Map(
      await securityHeaderList({ crossOriginResourcePolicy: 'cross-origin', xFrameOptions: false }),
    );
    expect(list.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(list.get('x-content-type-options')).toBe('nosniff');
    expect(list.has('x-frame-options')).toBe(false);
  });

  it('refuses a policy with per-request values, which one list cannot hold', () => {
    expect(() => securityHeaderList({ contentSecurityPolicy: { scriptSrc: [() => 'nonce'] } })).toThrow(
      /per-request/,
    );
  });

  it('refuses to keep X-Powered-By, which the shell always drops', () => {
    expect(() => securityHeaderList({ removePoweredBy: false })).toThrow(/X-Powered-By/);
  });
});
