import { describe, expect, it } from 'vitest';
import { lazily } from './lazily.js';

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

describe('lazily', () => {
  it('loads the adapter on first use, once, and forwards every call with its arguments', async () => {
    let loads = 0;
    const greeter = lazily<Greeter>(async () => {
      loads++;
      let calls = 0;
      return { greet: async (name) => `hello ${name} (${++calls})`, count: async () => calls };
    }, ['greet', 'count']);
    expect(loads).toBe(0);
    expect(await Promise.all([greeter.greet('a'), greeter.greet('b')])).toEqual([
      'hello a (1)',
      'hello b (2)',
    ]);
    expect(await greeter.count()).toBe(2);
    expect(loads).toBe(1);
  });

  it('forwards through a method taken before the load, as through the loaded stand-in', async () => {
    const greeter = lazily<Greeter>(async () => {
      let calls = 0;
      return { greet: async (name) => `hello ${name} (${++calls})`, count: async () => calls };
    }, ['greet', 'count']);
    const kept = greeter.greet;
    expect(await kept('a')).toBe('hello a (1)');
    expect(await greeter.greet('b')).toBe('hello b (2)');
    expect(await kept('c')).toBe('hello c (3)');
    expect(await greeter.count()).toBe(3);
  });

  it('tries the import again after it failed', async () => {
    let attempts = 0;
    const greeter = lazily<Greeter>(async () => {
      if (++attempts === 1) throw new Error('chunk missing');
      return { greet: async (name) => name, count: async () => 0 };
    }, ['greet', 'count']);
    await expect(greeter.greet('x')).rejects.toThrow('chunk missing');
    expect(await greeter.greet('y')).toBe('y');
  });
});
