import { describe, expect, it } from 'vitest';
import { LightHeaders } from './light-headers.js';

type Step = (headers: Headers) => void;

/** The same steps on the web Headers (undici's) and on ours: what they hold and what they throw. */
function both(steps: Step[]) {
  const run = (headers: Headers) => {
    const errors = steps.map((step) => {
      try {
        step(headers);
        return undefined;
      } catch (error) {
        return (error as Error).constructor.name;
      }
    });
    return {
      entries: [...headers],
      cookie: headers.get('Cookie'),
      accept: headers.get('ACCEPT'),
      setCookies: headers.getSetCookie(),
      errors,
    };
  };
  return { ours: run(new LightHeaders() as Headers), web: run(new Headers()) };
}

describe('LightHeaders', () => {
  it('holds, combines and iterates names and values as the web Headers does', () => {
    const { ours, web } = both([
      (h) => h.set('X-B', 'two'),
      (h) => h.append('accept', 'text/html'),
      (h) => h.append('Accept', 'application/json'),
      (h) => h.append('Set-Cookie', 'a=1'),
      (h) => h.append('set-cookie', 'b=2; Path=/'),
      (h) => h.append('cookie', 'x=1'),
      (h) => h.append('Cookie', 'y=2'),
      (h) => h.set('x-padded', ' \t kept inside \t '),
      (h) => h.set('x-gone', 'soon'),
      (h) => h.delete('X-GONE'),
      (h) => h.set('a-first', ''),
    ]);
    expect(ours).toEqual(web);
    expect(ours.accept).toBe('text/html, application/json');
    expect(ours.setCookies).toEqual(['a=1', 'b=2; Path=/']);
  });

  it('trims a value with long runs of whitespace as the web Headers does, in one pass', () => {
    const padded = (n: number) => `${' '.repeat(n)}a${' '.repeat(n)}\x01${'\t '.repeat(n)}`;
    const { ours, web } = both([(h) => h.set('x-pad', padded(1000))]);
    expect(ours).toEqual(web);
    // A regex anchored at the end is tried from every position of such a run: 1 MiB of it would take
    // minutes, which the test's own timeout would show; one pass takes a millisecond.
    const big = new LightHeaders({ 'x-pad': padded(512 * 1024) });
    expect(big.get('x-pad')).toBe(`a${' '.repeat(512 * 1024)}\x01`);
  });

  it('refuses the names and values the web Headers refuses, with a TypeError', () => {
    const { ours, web } = both([
      (h) => h.set('bad name', 'x'),
      (h) => h.set('', 'x'),
      (h) => h.set('x-nl', 'a\nb'),
      (h) => h.set('x-nul', 'a\0b'),
      (h) => h.set('x-wide', 'Zoë ✓'),
      (h) => h.append('x-fine', 'Zoë'),
    ]);
    expect(ours).toEqual(web);
    expect(ours.errors).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', undefined]);
  });

  it('copies into a web Headers and from one, set-cookies apart', () => {
    const web = new Headers([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['vary', 'Origin'],
    ]);
    const ours = new LightHeaders(web);
    expect(new Headers(ours).getSetCookie()).toEqual(['a=1', 'b=2']);
    expect([...ours]).toEqual([...web]);
    expect(new LightHeaders({ 'X-Many': ['1', '2'], 'x-one': '3' }).get('x-many')).toBe('1, 2');
    expect(Object.prototype.toString.call(ours)).toBe('[object Headers]');
  });
});
