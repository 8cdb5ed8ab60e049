import * as z from 'zod/mini';
import { isEncodable } from './key-segment.js';

/**
 * Characters that show nothing: every Unicode White_Space character (NEL among them, which JS `\s` lacks),
 * every format character (Cf: bidi marks, zero-width joiners, interlinear annotation, musical and shorthand
 * format controls, language tags), the default-ignorable ones (variation selectors, Hangul fillers, the
 * combining grapheme joiner) and the braille blank. Named by property rather than listed, so a character
 * a later Unicode adds to them is covered too.
 */
const INVISIBLE_CLASS = '\\p{White_Space}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800';
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'u');
const INVISIBLE_START = new RegExp(`^[${INVISIBLE_CLASS}]+`, 'u');
/**
 * Invisible characters that finish what a visible one starts: variation selectors (the text or emoji form:
 * "❤️" is U+2764 U+FE0F) and tag characters (a subdivision flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ends in them). They are kept
 * at the end only straight after a visible character; with nothing before them they show nothing.
 */
const ENDS_A_CHARACTER = /[\p{Variation_Selector}\u{E0020}-\u{E007F}]/u;

/** Control characters (C0, DEL, C1): a title or name holds none at all. */
const CONTROL = /\p{Cc}/u;
/** Control characters other than tab and line breaks, which multi-line text (a body, a comment) may hold. */
const CONTROL_BUT_LAYOUT = /[^\P{Cc}\t\n\r]/u;

/**
 * `text` without the invisible characters around it, so text made only of them is empty. Scanned from the
 * end by hand rather than with `[…]+$`, which retries at every position of a long invisible run (quadratic).
 */
export function trimInvisible(text: string): string {
  const start = INVISIBLE_START.exec(text)?.[0].length ?? 0;
  let end = text.length;
  while (end > start) {
    const before = charBefore(text, end);
    if (!INVISIBLE.test(before)) break;
    end -= before.length;
  }
  if (end === start) return '';
  let kept = end;
  for (let next = charAt(text, kept); next && ENDS_A_CHARACTER.test(next); next = charAt(text, kept)) {
    kept += next.length;
  }
  return text.slice(start, kept);
}

/** The character (one code point: one or two UTF-16 units) that ends at `end`. */
function charBefore(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  const pair = code >= 0xdc00 && code <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? end - 2 : end - 1, end);
}

/** The character that starts at `index`, or '' at the end. */
function charAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function trimmedText(max: number, control: RegExp, controlMessage: string) {
  return z.string().check(
    z.overwrite(trimInvisible),
    z.minLength(1, 'must not be empty (blank and invisible characters around the text do not count)'),
    z.maxLength(max),
    z.refine(isEncodable, 'must be valid Unicode text (it holds half a character)'),
    z.refine((text) => !control.test(text), controlMessage),
  );
}

/**
 * Required multi-line text (a body, a comment) of at most `max` characters, counted after invisible edges
 * are trimmed. Half a character (a lone UTF-16 surrogate, which JSON can carry as `\ud800`) is refused: no
 * UTF-8 store takes it. So are control characters other than tab, LF and CR: they show nothing, and a
 * terminal or log that prints them obeys them.
 */
export function visibleText(max: number) {
  return trimmedText(
    max,
    CONTROL_BUT_LAYOUT,
    'must not hold control characters (U+0000–U+001F, U+007F–U+009F) other than tab and line breaks',
  );
}

/** Like visibleText, for one line (a title, a name): no control character at all, tab and line breaks included. */
export function visibleLine(max: number) {
  return trimmedText(
    max,
    CONTROL,
    'must be one line without control characters (no tab, line break or U+0000–U+001F, U+007F–U+009F)',
  );
}
