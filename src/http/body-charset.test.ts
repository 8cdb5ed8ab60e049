import { describe, expect, it } from 'vitest';
import { foreignCharset, utf8Text } from './body-charset.js';

describe('foreignCharset', () => {
  it.each([
    ['application/json'],
    ['application/json; charset=utf-8'],
    ['application/json;charset=UTF-8'],
    ['application/json; charset="utf-8"'],
    ['application/json; charset=utf8'],
  ])('finds none in %s', (type) => {
    expect(foreignCharset(type)).toBeUndefined();
  });

  it.each([
    ['application/json; charset=iso-8859-1', 'iso-8859-1'],
    ['application/json; CHARSET="Latin1"', 'Latin1'],
    ['application/json; charset=utf-8; charset=utf-16', 'utf-16'],
    ['application/json; charset=', ''],
  ])('finds it in %s', (type, charset) => {
    expect(foreignCharset(type)).toBe(charset);
  });
});

describe('utf8Text', () => {
  it('decodes UTF-8, dropping a byte order mark, and keeps a U+FFFD that was sent', () => {
    expect(utf8Text(new TextEncoder().encode('\ufeffcafé \ufffd'))).toBe('café \ufffd');
  });

  it.each([
    ['a Latin-1 byte', [0x63, 0xe9]],
    ['a cut sequence', [0xe2, 0x82]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])('refuses %s', (_name, bytes) => {
    expect(utf8Text(Uint8Array.from(bytes))).toBeUndefined();
  });
});
