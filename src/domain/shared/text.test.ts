import { describe, expect, it } from 'vitest';
import { createCommentInput } from '../comments/comment.js';
import { createPostInput } from '../posts/post.js';
import { trimInvisible, visibleText } from './text.js';

const INVISIBLE_ONLY = [
  '\u200b',
  '\u200b\u200c\u200d',
  '\u2060\ufeff',
  ' \u00a0\u2003\u3000\t\n',
  '\u00ad\u200e\u200f\u202e\u2066',
  '\u3164\u115f\u2800',
];

describe('visible text', () => {
  it.each(INVISIBLE_ONLY.map((text) => [JSON.stringify(text), text]))('counts %s as empty', (_name, text) => {
    expect(trimInvisible(text)).toBe('');
    expect(visibleText(10).safeParse(text).success).toBe(false);
  });

  it('trims invisible edges and keeps what shows, emoji sequences included', () => {
    expect(trimInvisible('\u200b Hello \u2060')).toBe('Hello');
    expect(trimInvisible('a\u200bb')).toBe('a\u200bb');
    // A family (ZWJ inside), a heart with its variation selector, and a flag ending in tag characters.
    for (const emoji of [
      '👨\u200d👩\u200d👧',
      '\u2764\ufe0f',
      '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
    ]) {
      expect(trimInvisible(` ${emoji}\u200b`)).toBe(emoji);
    }
  });

  it('refuses invisible-only titles, bodies and comments, naming the field', () => {
    const post = createPostInput.safeParse({ title: '\u200b\u200b', body: '\u2060' });
    expect(post.success).toBe(false);
    expect(post.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['body', 'title']);
    expect(createCommentInput.safeParse({ body: '\u200d\ufeff' }).success).toBe(false);
  });

  it('refuses text holding half a character, which no UTF-8 store can keep', () => {
    expect(createCommentInput.safeParse({ body: 'ok \ud800' }).success).toBe(false);
    expect(createPostInput.safeParse({ title: '\udfff', body: 'b' }).success).toBe(false);
    expect(createCommentInput.safeParse({ body: 'ok 🙂' }).success).toBe(true);
  });
});
