import { describe, expect, it } from 'vitest';
import { runBadInput } from '../../reliability/suites/bad-input.js';

const FIXED_SEED = 20_261_129;

describe('bad input at every route and the WebSocket protocol (fast-check)', () => {
  it('never answers 5xx, always in the error shape, and leaves storage as it was on every refusal', async () => {
    // Act: a fixed seed, so every run of the suite tries the same inputs (make reliability varies it).
    const result = await runBadInput({ runs: 150, seed: FIXED_SEED });
    // Assess
    expect(result.violations).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.inputs).toBeGreaterThanOrEqual(150 + 75);
  }, 120_000);
});
