import { describe, expect, it } from 'vitest';
import { copy } from './memory-state.js';

describe('copy', () => {
  it('returns an equal record that shares nothing with the stored one', () => {
    const stored = {
      id: 'p1',
      tags: ['a', 'b'],
      image: null,
      nested: { count: 1, list: [{ x: 1 }] },
      gone: undefined,
    };
    const copied = copy(stored);
    expect(copied).toStrictEqual(stored);
    copied.tags.push('c');
    copied.nested.count = 2;
    (copied.nested.list[0] as { x: number }).x = 9;
    expect(stored).toStrictEqual({
      id: 'p1',
      tags: ['a', 'b'],
      image: null,
      nested: { count: 1, list: [{ x: 1 }] },
      gone: undefined,
    });
  });

  it('copies values that are not plain records as structuredClone does', () => {
    const stored = { at: new Date('2026-01-01T00:00:00Z'), seen: new Map([['a', 1]]) };
    const copied = copy(stored);
    expect(copied.at).toBeInstanceOf(Date);
    expect(copied.at).not.toBe(stored.at);
    expect(copied.at.getTime()).toBe(stored.at.getTime());
    expect(copied.seen).not.toBe(stored.seen);
    expect([...copied.seen]).toEqual([['a', 1]]);
  });
});
