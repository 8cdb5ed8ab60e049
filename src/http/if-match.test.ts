import { describe, expect, it } from 'vitest';
import { readIfMatch } from './if-match.js';

describe('readIfMatch', () => {
  it('reads * as any current representation', () => {
    expect(readIfMatch('*')).toEqual({ any: true });
    expect(readIfMatch(' * ')).toEqual({ any: true });
  });

  it('reads a list of strong tags, keeping their exact text and dropping weak ones', () => {
    expect(readIfMatch('"v3", "v999"')).toEqual({ any: false, strongTags: ['"v3"', '"v999"'] });
    expect(readIfMatch('W/"v1", "v2"')).toEqual({ any: false, strongTags: ['"v2"'] });
    expect(readIfMatch('"v1"')).toEqual({ any: false, strongTags: ['"v1"'] });
    // Empty list elements are allowed, and a comma inside quotes is part of the tag.
    expect(readIfMatch(' , "a,b" ,,"c"')).toEqual({ any: false, strongTags: ['"a,b"', '"c"'] });
  });

  it.each([
    ['a bare word', 'v1'],
    ['text after a tag', '"v1"xxxx'],
    ['tags without a comma', '"v1" "v2"'],
    ['an unclosed quote', '"v1'],
    ['* among tags', '"v1", *'],
    ['nothing', ''],
  ])('holds no tag for %s, so it matches nothing', (_name, header) => {
    expect(readIfMatch(header)).toEqual({ any: false, strongTags: [] });
  });
});
