import type * as z from 'zod/mini';
import './english-issues.js';
import { type FieldIssue, ValidationError } from './errors.js';

/** Parses input with a domain schema; failures become one ValidationError naming every bad field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError('The request has invalid fields.', issuesOf(result.error));
}

export function issuesOf(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    // zod reports unknown fields as one issue on their parent: each is named as a field of its own.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: [...issue.path, key].join('.'),
          message: 'Not a field of this request',
        }))
      : [{ field: issue.path.length > 0 ? issue.path.join('.') : '(body)', message: issue.message }],
  );
}
