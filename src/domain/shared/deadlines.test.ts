import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from './deadlines.js';

describe('Deadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires each wait not ended once its own time has passed, in the order they began', () => {
    const expired: string[] = [];
    const deadlines = new Deadlines<string>(100, (item) => expired.push(item));

    deadlines.start('a');
    vi.advanceTimersByTime(40);
    const b = deadlines.start('b');
    deadlines.start('c');
    vi.advanceTimersByTime(59);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    deadlines.end(b);
    vi.advanceTimersByTime(40);
    expect(expired).toEqual(['a', 'c']);
  });

  it('does not expire a wait that ended, and runs no timer once nothing waits', () => {
    const expire = vi.fn();
    const deadlines = new Deadlines<number>(50, expire);

    for (let i = 0; i < 1_000; i++) deadlines.end(deadlines.start(i));
    vi.advanceTimersByTime(200);

    expect(expire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('arms itself again for waits begun after a sweep, and for one begun by an expiry', () => {
    const expired: number[] = [];
    const deadlines: Deadlines<number> = new Deadlines<number>(10, (item) => {
      expired.push(item);
      if (item === 1) deadlines.start(2);
    });

    deadlines.start(1);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual([1]);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual([1, 2]);
    deadlines.start(3);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual([1, 2, 3]);
  });
});
