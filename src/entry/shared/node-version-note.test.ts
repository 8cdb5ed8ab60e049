import { describe, expect, it } from 'vitest';
import { nodeVersionNote } from './node-version-note.js';

describe('nodeVersionNote', () => {
  it('says why an older Node than Lambda’s matters, and nothing from Node 22 on', () => {
    expect(nodeVersionNote('20.20.2')).toMatch(/^Node 20\.20\.2: Lambda runs Node 22 \(see \.nvmrc\)/);
    expect(nodeVersionNote('22.0.0')).toBeUndefined();
    expect(nodeVersionNote('24.1.0')).toBeUndefined();
  });
});
