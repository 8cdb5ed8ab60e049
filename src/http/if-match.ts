/**
 * If-Match as RFC 9110 §13.1.1 defines it: `*` (any current representation), or a comma-separated list of
 * entity tags, each strong (`"x"`) or weak (`W/"x"`). Commas may sit inside a tag's quotes, so the list is
 * read tag by tag, not split.
 */
export type IfMatch = { any: true } | { any: false; strongTags: string[] };

/** One list element: optional whitespace, an entity tag or nothing (empty elements are allowed), a comma or the end. */
const ELEMENT = /[ \t]*(?:(W\/)?("[\x21\x23-\x7e\x80-\xff]*"))?[ \t]*(?:,|$)/y;

/**
 * The header's strong tags, in order; weak tags are dropped, as the strong comparison If-Match uses never
 * matches one. A value that is not such a list (a bare word, an unclosed quote, `*` among tags) holds no
 * tag, so it matches nothing: a failed precondition rather than a malformed request.
 */
export function readIfMatch(header: string): IfMatch {
  const value = header.trim();
  if (value === '*') return { any: true };
  const strongTags: string[] = [];
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < value.length) {
    const start = ELEMENT.lastIndex;
    const element = ELEMENT.exec(value);
    if (!element || ELEMENT.lastIndex === start) return { any: false, strongTags: [] };
    const [, weak, tag] = element;
    if (tag && !weak) strongTags.push(tag);
  }
  return { any: false, strongTags };
}
