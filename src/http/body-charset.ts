/**
 * The contract's bodies are UTF-8 JSON. A Content-Type may say so (`charset=utf-8`, or the common `utf8`);
 * one naming any other charset announces bytes this API would misread, so it is refused (415), not guessed.
 */
const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/gi;
const UTF8_LABELS = new Set(['utf-8', 'utf8']);

/** The first charset a Content-Type names other than UTF-8, as sent; undefined when it names none or UTF-8. */
export function foreignCharset(contentType: string): string | undefined {
  for (const match of contentType.matchAll(CHARSET_PARAM)) {
    const label = match[1] ?? match[2] ?? '';
    if (!UTF8_LABELS.has(label.trim().toLowerCase())) return label;
  }
  return undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A body's bytes as text, or undefined when they are not UTF-8: a lenient decoder (what Request's `text()`
 * and `json()` use) would turn each bad byte into U+FFFD and store that in place of what the client meant.
 * A leading byte order mark is dropped, as those do.
 */
export function utf8Text(bytes: ArrayBuffer | Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
