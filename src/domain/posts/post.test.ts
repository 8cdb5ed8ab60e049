import { describe, expect, it } from 'vitest';
import { etagOf, versionFromEtag } from './post.js';

describe('versionFromEtag', () => {
  it('reads the version of a tag exactly as etagOf writes it', () => {
    expect(versionFromEtag(etagOf({ version: 3 }))).toBe(3);
  });

  it.each([['"v01"'], ['"v0"'], ['W/"v1"'], [' "v1"'], ['"V1"'], ['"v1.0"'], ['"v+1"']])(
    'names no version for %s (strong comparison: character for character)',
    (tag) => {
      expect(versionFromEtag(tag)).toBeNull();
    },
  );
});
