import { describe, expect, it } from 'vitest';
import { runFaults } from '../../reliability/suites/faults.js';

describe('storage outage under load, with pushes in flight', () => {
  it('fails fast with 503 unavailable, recovers without a restart and loses no write', async () => {
    // Act: load, stop storage, restart it; half the subscribers vanish mid-push.
    const result = await runFaults({ writers: 4, phaseSeconds: 1.5, outageSeconds: 1.5, subscribers: 10 });
    // Assess
    expect(result.violations).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.lostWrites).toBe(0);
    expect(result.recoveryMs).toBeDefined();
    expect(result.inputs).toBeGreaterThan(0);
  }, 90_000);
});

describe('storage that accepts connections but never answers', () => {
  it('still answers every request within its bound, with 503 unavailable, and recovers on its own', async () => {
    // Act: the storage port turns into a black hole: only bounded SDK timeouts keep requests from hanging.
    const result = await runFaults({
      writers: 4,
      phaseSeconds: 1,
      outageSeconds: 1,
      subscribers: 4,
      outage: 'blackhole',
    });
    // Assess
    expect(result.violations).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.lostWrites).toBe(0);
    expect(result.recoveryMs).toBeDefined();
  }, 90_000);
});
