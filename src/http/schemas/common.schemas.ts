import { z } from '@hono/zod-openapi';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../domain/shared/page.js';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const listQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .openapi({ example: 20 }),
  cursor: z.string().min(1).max(4096).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** Ids are opaque to clients, but bounded so a path can never carry megabytes into a storage key. */
export const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id');

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .openapi({
      description: 'Retry-safe creation: the same key and body within 24 h return the first answer.',
    }),
});

export function errorResponses(...statuses: number[]) {
  const all: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof errorSchema } } }
  > = {};
  for (const status of statuses) {
    all[status] = {
      description: `Error ${status}`,
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  return all;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearer: [] }];
