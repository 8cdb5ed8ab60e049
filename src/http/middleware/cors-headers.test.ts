import { describe, expect, it } from 'vitest';
import { corsAnswers } from './cors-headers.js';

// That the shell answers with exactly Hono's cors is request-shell.test.ts's to show.
describe('corsAnswers', () => {
  const options = { exposeHeaders: ['ETag', 'X-Request-Id'] };

  it('allows a listed origin by name, others not, and varies by origin', () => {
    const answers = corsAnswers({ ...options, origin: ['http://localhost:3000'] });
    expect(answers.headersFor('http://localhost:3000')).toEqual([
      ['access-control-allow-origin', 'http://localhost:3000'],
      ['access-control-expose-headers', 'ETag,X-Request-Id'],
      ['vary', 'Origin'],
    ]);
    expect(answers.headersFor('https://evil.example')).toEqual([
      ['access-control-expose-headers', 'ETag,X-Request-Id'],
      ['vary', 'Origin'],
    ]);
    expect(answers.headersFor(undefined)).toBe(answers.headersFor('https://evil.example'));
  });

  it('allows any origin with "*", without varying', () => {
    const answers = corsAnswers({ ...options, origin: '*' });
    expect(answers.headersFor(undefined)).toEqual([
      ['access-control-allow-origin', '*'],
      ['access-control-expose-headers', 'ETag,X-Request-Id'],
    ]);
  });

  it('refuses credentials, which it does not implement', () => {
    expect(() => corsAnswers({ origin: '*', credentials: true })).toThrow(/credentials/);
  });
});
