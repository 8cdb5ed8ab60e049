import type { FieldIssue } from '../domain/shared/errors.js';

/** How many of a 422's field issues are listed; the rest are counted in one more entry. */
export const LISTED_ISSUES = 20;
/** Longer field names (unknown keys are the caller's own) are cut here, so each listed issue stays small. */
export const FIELD_NAME_CHARS = 100;

/** Where the count of the issues not listed goes: a pseudo-field, like `(body)` for the body as a whole. */
export const MORE_FIELD = '(more)';

function shortField(field: string): string {
  if (field.length <= FIELD_NAME_CHARS) return field;
  // A cut between the halves of a surrogate pair would leave half a character in the answer.
  const end = /[\ud800-\udbff]/.test(field.charAt(FIELD_NAME_CHARS - 1))
    ? FIELD_NAME_CHARS - 1
    : FIELD_NAME_CHARS;
  return `${field.slice(0, end)}…`;
}

/**
 * A 422's `details` as answered: the first LISTED_ISSUES issues, field names cut short, and a count of the
 * rest. A body of thousands of unknown keys would otherwise be answered with a list many times its size.
 */
export function answeredIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const listed = issues.slice(0, LISTED_ISSUES).map(({ field, message }) => ({
    field: shortField(field),
    message,
  }));
  const more = issues.length - listed.length;
  if (more > 0) {
    listed.push({
      field: MORE_FIELD,
      message: `${more} more invalid field${more === 1 ? '' : 's'} not listed; fix those above and send again to see them`,
    });
  }
  return listed;
}
