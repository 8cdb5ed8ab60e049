import { describe, expect, it } from 'vitest';
import { whenReady } from './awaitable.js';

describe('whenReady', () => {
  it('answers at once for a value at hand, and through a promise for a promise', async () => {
    expect(whenReady(2, (n) => n * 3)).toBe(6);
    const later = whenReady(Promise.resolve(2), (n) => n * 3);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(6);
  });

  it('turns a failure into a rejected promise, never a throw, whichever way the value came', async () => {
    const fail = (): number => {
      throw new Error('gone');
    };
    const atOnce = whenReady(2, fail);
    expect(atOnce).toBeInstanceOf(Promise);
    await expect(atOnce).rejects.toThrow('gone');
    await expect(whenReady(Promise.resolve(2), fail)).rejects.toThrow('gone');
  });
});
