import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deterministicZip } from '../../src/deploy/terraform/deterministic-zip.js';

const bytes = (text: string) => new TextEncoder().encode(text);

afterEach(() => {
  vi.useRealTimers();
});

describe('deterministic zip', () => {
  it('gives the same bytes for the same files, whatever their order or when it runs', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const first = deterministicZip({
      'index.mjs': bytes('a'),
      'chunk-1.mjs': bytes('b'),
      'index.mjs.map': bytes('c'),
    });
    vi.setSystemTime(new Date('2027-06-30T23:59:58Z'));
    const second = deterministicZip({
      'index.mjs.map': bytes('c'),
      'index.mjs': bytes('a'),
      'chunk-1.mjs': bytes('b'),
    });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('keeps every file, sorted by path, and changes when a file does', () => {
    const zip = deterministicZip({ 'b.mjs': bytes('2'), 'a.mjs': bytes('1') });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['a.mjs', 'b.mjs']);
    expect(new TextDecoder().decode(files['a.mjs'])).toBe('1');
    const changed = deterministicZip({ 'b.mjs': bytes('2'), 'a.mjs': bytes('x') });
    expect(Buffer.from(changed).equals(Buffer.from(zip))).toBe(false);
  });
});
