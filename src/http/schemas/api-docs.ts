import * as z from 'zod/mini';

/** What the OpenAPI document says of a schema besides its rules. */
export interface ApiDocMeta {
  /** Its name under components/schemas: where it appears, the document refers to it. */
  id?: string;
  description?: string;
  example?: unknown;
}

/**
 * The schemas' documentation, kept beside them in zod's own kind of registry rather than on the schemas:
 * the OpenAPI generator reads it (toJSONSchema copies each entry into the schema it describes).
 */
export const apiDocs = z.registry<ApiDocMeta>();

/** `schema`, documented: registered as it is (a new instance per documented use where meanings differ). */
export function documented<S extends z.ZodMiniType>(schema: S, meta: ApiDocMeta): S {
  apiDocs.add(schema, meta);
  return schema;
}
