import { describe, expect, it } from 'vitest';
import { answeredIssues, FIELD_NAME_CHARS, LISTED_ISSUES } from './answered-issues.js';

const issues = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ field: `f${i}`, message: 'Not a field of this request' }));

describe('answeredIssues', () => {
  it('lists up to the limit as they are', () => {
    expect(answeredIssues(issues(LISTED_ISSUES))).toEqual(issues(LISTED_ISSUES));
  });

  it('counts the issues past the limit in one (more) entry', () => {
    const one = answeredIssues(issues(LISTED_ISSUES + 1));
    expect(one.slice(0, LISTED_ISSUES)).toEqual(issues(LISTED_ISSUES));
    expect(one.at(-1)).toEqual({ field: '(more)', message: expect.stringMatching(/^1 more invalid field /) });
    const many = answeredIssues(issues(5000));
    expect(many).toHaveLength(LISTED_ISSUES + 1);
    expect(many.at(-1)?.message).toMatch(/^4980 more invalid fields /);
  });

  it('cuts a long field name short, never between the halves of a character', () => {
    const [cut] = answeredIssues([{ field: 'x'.repeat(60_000), message: 'm' }]);
    expect(cut?.field).toBe(`${'x'.repeat(FIELD_NAME_CHARS)}…`);
    const emoji = `${'x'.repeat(FIELD_NAME_CHARS - 1)}😀😀`;
    const [whole] = answeredIssues([{ field: emoji, message: 'm' }]);
    expect(whole?.field).toBe(`${'x'.repeat(FIELD_NAME_CHARS - 1)}…`);
  });
});
