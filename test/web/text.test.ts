import { describe, expect, it } from 'vitest';
import { excerpt, renderMarkdown } from '../../web/src/text/markdown.js';
import { relativeTime } from '../../web/src/text/relative-time.js';

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('makes links only of http, https and mailto URLs', () => {
    const html = renderMarkdown(
      '[a](https://example.com) [b](mailto:a@example.com) [c](javascript:alert(1)) [d](data:text/html,x) ![e](data:image/png;base64,AA)',
    );
    expect(html.match(/href="[^"]*"/g)).toEqual([
      'href="https://example.com"',
      'href="mailto:a@example.com"',
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('rel="nofollow noopener noreferrer ugc"');
  });
});

describe('excerpt', () => {
  it('is the text without Markdown, images or code blocks', () => {
    expect(
      excerpt('# Title\n\nSome **bold** `code` ![alt](https://x/y.png)\n\n```\nskipped()\n```\n\n> quoted'),
    ).toBe('Title Some bold code quoted');
  });

  it('cuts long text at a word, never inside a character', () => {
    const text = `${'word '.repeat(60)}end`;
    const cut = excerpt(text, 50);
    expect(cut).toBe(`${'word '.repeat(9)}word…`);
    expect(excerpt('😀'.repeat(10), 5)).toBe('😀😀😀😀😀…');
    expect(excerpt('short', 50)).toBe('short');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  const ago = (seconds: number) => relativeTime(new Date(now - seconds * 1000).toISOString(), now, 'en');

  it('says how long ago, in the largest unit that fits', () => {
    expect(ago(0)).toBe('now');
    expect(ago(-5)).toBe('now'); // a clock a little ahead
    expect(ago(42)).toBe('42 seconds ago');
    expect(ago(3 * 60 + 10)).toBe('3 minutes ago');
    expect(ago(5 * 3600)).toBe('5 hours ago');
    expect(ago(86_400)).toBe('yesterday');
    expect(ago(12 * 86_400)).toBe('12 days ago');
  });

  it('gives the date for anything older than a month or in the future', () => {
    expect(relativeTime('2026-01-15T08:00:00Z', now, 'en')).toBe('Jan 15, 2026');
    expect(relativeTime('2027-01-15T08:00:00Z', now, 'en')).toBe('Jan 15, 2027');
  });
});
