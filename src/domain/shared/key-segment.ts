/** A lone UTF-16 surrogate: half of a character, which no UTF-8 encoder (so no URI or storage key) can take. */
const LONE_SURROGATE = /(\p{Cs})/u;

/** Whether `text` is well-formed UTF-16, so it can be encoded as UTF-8 (URIs, storage keys, JSON on the wire). */
export function isEncodable(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * `value` made safe as one segment of a storage key or path: percent-encoded, so `/` and `#` cannot split
 * it. Unlike encodeURIComponent it never throws: a lone surrogate becomes `%uXXXX`, which no percent-encoded
 * text contains, so distinct values still give distinct segments.
 */
export function keySegment(value: string): string {
  return value
    .split(LONE_SURROGATE)
    .map((part, index) =>
      index % 2 === 1
        ? `%u${part.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
        : encodeURIComponent(part),
    )
    .join('');
}
