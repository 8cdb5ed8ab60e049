import type { Hook } from '@hono/zod-openapi';
import { ValidationError } from '../domain/shared/errors.js';
import { issuesOf } from '../domain/shared/validation.js';

/** Route-level validation failures take the same path as the domain's: one ValidationError, 422 with fields. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape.
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) throw new ValidationError('The request has invalid fields.', issuesOf(result.error));
};
