import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as z from 'zod/mini';
import { BadRequestError, NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { issuesOf } from '../domain/shared/validation.js';
import { foreignCharset, utf8Text } from './body-charset.js';
import type { HttpEnv } from './http-env.js';
import { type PlainAcceptance, plainAcceptance } from './schemas/plain-acceptance.js';

/** A JSON Content-Type a body may be sent with: the media type and `name=value` parameters only. */
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
/** The media types whose bodies are parsed as JSON (anything else is validated as an empty object). */
const PARSED_AS_JSON = /^application\/([\w.-]+\+)?json$/i;

type Target = 'query' | 'param' | 'header' | 'json';

/** What a route declares of its request: a schema per part it reads. */
export interface RequestSchemas {
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  /** Keys in lower case, as requests' header names are read. */
  headers?: z.ZodMiniObject;
  /** JSON only; `required` makes an absent or non-JSON body an empty object to validate, not a skip. */
  body?: { schema: z.ZodMiniType; example: unknown; required?: boolean };
}

function parsed(schema: z.ZodMiniType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError('The request has invalid fields.', issuesOf(result.error));
  return result.data;
}

type PartParser = (fields: Record<string, unknown>) => unknown;

/**
 * `parsed` by `schema`, answered without zod when the fields are plainly valid (see plain-acceptance.ts).
 * The test is built on the route's first request, not with the app: a cold start builds only its own.
 */
function partParser(schema: z.ZodMiniObject): PartParser {
  let plain: PlainAcceptance | undefined | null = null;
  return (fields) => {
    if (plain === null) plain = plainAcceptance(schema);
    return plain?.(fields) ? fields : parsed(schema, fields);
  };
}

/**
 * The path parameters or headers a schema names, read one by one: what zod would keep of the whole set,
 * which Hono's `c.req.param()` and `c.req.header()` gather into a fresh object through a slower path.
 */
function fieldsOf(
  names: readonly string[],
  read: (name: string) => string | undefined,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of names) fields[name] = read(name);
  return fields;
}

/** Query parameters as one object: a name given once is a string, a repeated one an array (so it fails). */
function queryOf(c: Context<HttpEnv>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  ) as Record<string, string | string[]>;
}

/**
 * Whether bytes came with a request that named no Content-Type (chunked, or a Lambda event without the
 * header): such a body is refused as not JSON. A clone is read, so the body stays for whoever reads it.
 */
async function hasBody(c: Context<HttpEnv>): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const reader = raw.clone().body?.getReader();
  if (!reader) return false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The body parsed as JSON, from its bytes: they must be UTF-8, which `c.req.json()` would not check. */
async function jsonBody(c: Context<HttpEnv>): Promise<unknown> {
  const type = c.req.header('content-type');
  if (!type || !PARSED_AS_JSON.test(type.split(';')[0]?.trim() ?? '')) return {};
  const text = utf8Text(await c.req.arrayBuffer());
  if (text === undefined) {
    throw new BadRequestError('The request body is not UTF-8: send the JSON encoded as UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HTTPException(400, { message: 'Malformed JSON in request body' });
  }
}

/**
 * The path's parameters, which are ids: one that breaks the id rules names nothing, so the answer is the
 * 404 of any absent resource, not a 422 asking the caller to fix a field (a body's ids are still fields).
 */
function pathParams(c: Context<HttpEnv>, parse: PartParser, names: readonly string[]): unknown {
  try {
    return parse(fieldsOf(names, (name) => c.req.param(name)));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const path = c.req.path.length > 200 ? `${c.req.path.slice(0, 200)}…` : c.req.path;
    throw new NotFoundError(
      `Nothing at ${JSON.stringify(path)}: it holds no id this API gives out; use ids as the API returned them.`,
    );
  }
}

/** Validates a request's declared parts onto the context; a promise only when there is a body to read. */
export type RequestValidator = (c: Context<HttpEnv>) => Promise<void> | undefined;

/**
 * Validates the parts of a request a route declares, in the order query, path, headers, body; the first
 * part with invalid fields is a ValidationError (422 naming each field), except the path's ids, which are
 * a NotFoundError (404), and the app's error handler answers it. A declared body also gates the media type
 * (415). What each part parsed to is what the handler reads with `c.req.valid(part)`. The route's handler
 * calls it first (see serveRoute), rather than it being a middleware of its own: every layer of middleware
 * costs an async step on every request, and a route without a body has nothing to await.
 */
export function requestValidator(request: RequestSchemas): RequestValidator {
  const { params, query, headers, body } = request;
  const paramNames = params ? Object.keys(params.shape) : [];
  const headerNames = headers ? Object.keys(headers.shape) : [];
  const [parseParams, parseQuery, parseHeaders] = [params, query, headers].map((schema) =>
    schema ? partParser(schema) : undefined,
  );
  const set = (c: Context<HttpEnv>, target: Target, value: unknown) =>
    c.req.addValidatedData(target, value as Record<string, unknown>);
  const validateBody = async (c: Context<HttpEnv>, schema: NonNullable<RequestSchemas['body']>) => {
    const type = c.req.header('content-type');
    if (type ? !JSON_CONTENT_TYPE.test(type) || foreignCharset(type) !== undefined : await hasBody(c)) {
      throw new HTTPException(415, { message: 'Unsupported Media Type' });
    }
    // An optional body that was not sent reaches the handler as `{}`, and the domain's own parse answers.
    set(c, 'json', schema.required || type !== undefined ? parsed(schema.schema, await jsonBody(c)) : {});
  };
  return (c) => {
    if (parseQuery) set(c, 'query', parseQuery(queryOf(c)));
    if (parseParams) set(c, 'param', pathParams(c, parseParams, paramNames));
    if (parseHeaders) set(c, 'header', parseHeaders(fieldsOf(headerNames, (name) => c.req.header(name))));
    return body ? validateBody(c, body) : undefined;
  };
}
