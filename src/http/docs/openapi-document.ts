/**
 * The OpenAPI 3.1 document, generated from the routes' declarations. Build-time code: `npm run gen:api`
 * writes it to src/http/docs/openapi.json, which every app serves; no function imports this module, so
 * no cold start parses the generator (a dependency-cruiser rule holds that).
 */

import * as z from 'zod/mini';
import type { ApiRoute, JsonContent, ResponseDoc } from '../routes/api-route.js';
import { broadcastApi } from '../routes/broadcast.routes.js';
import { commentApi } from '../routes/comment.routes.js';
import { devApi } from '../routes/dev.routes.js';
import { favoriteApi } from '../routes/favorite.routes.js';
import { healthApi } from '../routes/health.routes.js';
import { meApi } from '../routes/me.routes.js';
import { postApi } from '../routes/post.routes.js';
import { uploadApi } from '../routes/upload.routes.js';
import { apiDocs } from '../schemas/api-docs.js';

/** Every documented route, in the document's order. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...healthApi,
  ...postApi,
  ...commentApi,
  ...favoriteApi,
  ...meApi,
  ...uploadApi,
  ...devApi,
  ...broadcastApi,
];

type JsonSchema = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';

/**
 * zod's JSON Schema as the document writes it: no `$schema`/`$id` (the document places each schema), a
 * nullable scalar as `type: [scalar, "null"]` rather than `anyOf: [scalar, null]` (tools read both alike;
 * the first is OpenAPI 3.1's usual form), and integers without the ±2^53 bounds zod's `int` states (every
 * JSON integer a client meets is within them).
 */
function tidy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tidy);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $schema: _, $id: __, ...rest } = schema as JsonSchema;
  if (rest.minimum === Number.MIN_SAFE_INTEGER) delete rest.minimum;
  if (rest.maximum === Number.MAX_SAFE_INTEGER) delete rest.maximum;
  const out = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, tidy(value)]));
  const options = out.anyOf;
  if (Array.isArray(options) && options.length === 2) {
    const [value, nothing] = options as JsonSchema[];
    if (nothing?.type === 'null' && typeof value?.type === 'string') {
      const { anyOf: ___, ...others } = out;
      return { ...value, type: [value.type, 'null'], ...others };
    }
  }
  return out;
}

/** The schemas that have a component name, generated together so they refer to each other by $ref. */
function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiDocs, {
    io: 'input',
    target: 'draft-2020-12',
    metadata: apiDocs,
    uri: (id) => `${COMPONENT}${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, tidy(schema) as JsonSchema]));
}

/** The components a document uses, in the order it first meets them (each followed by those it refers to). */
class Components {
  private readonly all = components();
  readonly used = new Map<string, JsonSchema>();

  use(id: string): void {
    const schema = this.all[id];
    if (!schema || this.used.has(id)) return;
    this.used.set(id, schema);
    for (const ref of JSON.stringify(schema).match(/#\/components\/schemas\/[^"]+/g) ?? []) {
      this.use(ref.slice(COMPONENT.length));
    }
  }
}

/** A schema where it is used: a $ref to its component when it has a name, else written out in place. */
function schemaAt(schema: z.ZodMiniType, used: Components): JsonSchema {
  const id = apiDocs.get(schema)?.id;
  if (id) {
    used.use(id);
    return { $ref: `${COMPONENT}${id}` };
  }
  return tidy(
    z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', metadata: apiDocs }),
  ) as JsonSchema;
}

function parameters(route: ApiRoute, used: Components): JsonSchema[] {
  const parts = [
    ['path', route.request?.params],
    ['query', route.request?.query],
    ['header', route.request?.headers],
  ] as const;
  return parts.flatMap(([where, object]) =>
    Object.entries(object?.shape ?? {}).map(([name, property]) => {
      const schema = schemaAt(property as z.ZodMiniType, used);
      // `optional`, or `defaulted`: either way a request may leave it out.
      const optional = (property as z.ZodMiniType)._zod.optin !== undefined;
      return {
        schema,
        required: !optional,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        name,
        in: where,
      };
    }),
  );
}

function content({ schema, example }: JsonContent, used: Components) {
  return {
    'application/json': { ...(example === undefined ? {} : { example }), schema: schemaAt(schema, used) },
  };
}

function responses(route: ApiRoute, used: Components) {
  return Object.fromEntries(
    Object.entries(route.responses)
      .filter((entry): entry is [string, ResponseDoc] => entry[1] !== undefined)
      .map(([status, { content: body, ...rest }]) => [
        status,
        { ...rest, ...(body ? { content: content(body['application/json'], used) } : {}) },
      ]),
  );
}

function operation(route: ApiRoute, used: Components) {
  const params = parameters(route, used);
  const body = route.request?.body;
  // Answers before the request body: the order components are first met in, kept from the earlier document.
  const answers = responses(route, used);
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.security ? { security: route.security } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body
      ? { requestBody: { ...(body.required ? { required: true } : {}), content: content(body, used) } }
      : {}),
    responses: answers,
  };
}

/** The document for `routes` (by default every route), without `servers`: the stack serving it adds its own. */
export function openApiDocument(routes: readonly ApiRoute[] = API_ROUTES) {
  const used = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const methods = paths[route.path] ?? {};
    methods[route.method] = operation(route, used);
    paths[route.path] = methods;
  }
  // The empty `parameters` and `webhooks` are the earlier generator's, kept so the generated client types
  // did not move; `version` is a placeholder that every stack replaces with its own when it serves this.
  return {
    openapi: '3.1.0',
    info: { title: 'blogapp API', version: '0.0.0', description: 'Posts, comments, favorites, profiles.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(used.used),
      parameters: {},
    },
    paths,
    webhooks: {},
  };
}
