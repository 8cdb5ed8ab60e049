import { describe, expect, it } from 'vitest';
import { runConcurrency } from '../../reliability/suites/concurrency.js';

describe('concurrent clients on the dynamodb provider', () => {
  it('keeps every count equal to what is stored, orphans nothing and loses no acknowledged write', async () => {
    // Act: 12 clients racing on a handful of posts, two of which are deleted halfway.
    // A fixed seed, so every run of the suite plays the same race (make reliability varies it).
    const result = await runConcurrency({ clients: 12, opsPerClient: 25, seed: 20_261_129 });
    // Assess
    expect(result.violations).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.lostWrites).toBe(0);
    expect(result.requests).toBeGreaterThan(12 * 25);
  }, 120_000);
});
