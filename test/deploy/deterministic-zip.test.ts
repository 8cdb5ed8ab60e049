import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deterministicZip, sha256 } from '../../src/deploy/bundles/deterministic-zip.js';

const file = (path: string, text: string) => ({ path, contents: new TextEncoder().encode(text) });

describe('deterministic zips', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same bytes for the same files, whatever their order or the time they are zipped', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const first = deterministicZip([
      file('index.mjs', 'export const handler = 1;'),
      file('chunk-a.mjs', 'a'),
    ]);
    vi.setSystemTime(new Date('2027-06-30T23:59:58Z'));
    const second = deterministicZip([
      file('chunk-a.mjs', 'a'),
      file('index.mjs', 'export const handler = 1;'),
    ]);
    expect(sha256(second)).toBe(sha256(first));
    expect(Object.keys(unzipSync(first))).toEqual(['chunk-a.mjs', 'index.mjs']);
  });

  it('gives different bytes when a file changes', () => {
    const before = deterministicZip([file('index.mjs', 'export const handler = 1;')]);
    const after = deterministicZip([file('index.mjs', 'export const handler = 2;')]);
    expect(sha256(after)).not.toBe(sha256(before));
  });
});
