import { describe, expect, it } from 'vitest';
import { runLoad } from '../../reliability/suites/load.js';

describe('mixed read/write load on the local stack (autocannon)', () => {
  it('answers every request with a 2xx and loses no acknowledged write', async () => {
    // Act: a short burst, bounded by time and by count.
    const result = await runLoad({ durationSeconds: 3, connections: 8, maxRequests: 3_000 });
    // Assess
    expect(result.violations).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.lostWrites).toBe(0);
    expect(result.inputs).toBeGreaterThan(0);
  }, 60_000);
});
