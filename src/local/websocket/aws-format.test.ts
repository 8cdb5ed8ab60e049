import { describe, expect, it } from 'vitest';
import { connectionIds } from './aws-format.js';

const AWS_ID = /^[A-Za-z0-9_-]{15}=$/;

describe('connectionIds', () => {
  it('makes distinct ids shaped as API Gateway’s, none starting with a dash', () => {
    const next = connectionIds();
    const ids = Array.from({ length: 5_000 }, next);
    for (const id of ids) expect(id).toMatch(AWS_ID);
    expect(ids.every((id) => !id.startsWith('-'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes ids that sort, as gsi1 sorts them, in the order they were made, across every counter digit', () => {
    const next = connectionIds();
    // Past 64 and 64² ids the counter's last two characters carry, through every character it writes.
    const ids = Array.from({ length: 64 * 64 + 70 }, next);
    const byBytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(byBytes).toEqual(ids);
    expect([...ids].sort()).toEqual(ids);
  });
});
