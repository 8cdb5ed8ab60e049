import { describe, expect, it } from 'vitest';
import { isEncodable, keySegment } from './key-segment.js';

describe('key segments', () => {
  it('never throws, and keeps distinct values distinct, lone surrogates included', () => {
    const values = ['alice', 'a/b#c', '%uD800', 'eve\ud800', '\udfff', '\ud800\udc00', 'é 🙂'];
    const segments = values.map(keySegment);
    expect(new Set(segments).size).toBe(values.length);
    for (const segment of segments) expect(segment).toMatch(/^[A-Za-z0-9%._~!*'()-]+$/);
    expect(keySegment('eve\ud800')).toBe('eve%uD800');
    expect(keySegment('%uD800')).toBe('%25uD800');
  });

  it('tells well-formed text from text holding half a character', () => {
    expect(isEncodable('é 🙂')).toBe(true);
    expect(isEncodable('\ud83d')).toBe(false);
    expect(isEncodable('x\udc00y')).toBe(false);
  });
});
