import * as z from 'zod/mini';
import { isEncodable } from './key-segment.js';

/**
 * Characters that show nothing: Unicode whitespace (`\s` covers every space separator, line and paragraph
 * separators and the BOM), invisible format characters (soft hyphen, zero-width space and joiners, bidi
 * marks and isolates, word joiner, invisible operators) and the blank letters (Hangul fillers, braille
 * blank). Emoji tag and variation characters are left alone: they end flags and emoji, and trimming them
 * would change what a reader sees.
 */
const INVISIBLE =
  '\\s\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u2800\\u3164\\uFFA0';
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'gu');

/** `text` without the invisible characters around it, so text made only of them is empty. */
export function trimInvisible(text: string): string {
  return text.replace(EDGES, '');
}

/**
 * A required text field of at most `max` characters, counted after invisible edges are trimmed. Half a
 * character (a lone UTF-16 surrogate, which JSON can carry as `\ud800`) is refused: no UTF-8 store takes it.
 */
export function visibleText(max: number) {
  return z
    .string()
    .check(
      z.overwrite(trimInvisible),
      z.minLength(1),
      z.maxLength(max),
      z.refine(isEncodable, 'must be valid Unicode text (it holds half a character)'),
    );
}
