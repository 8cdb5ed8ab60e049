/**
 * The request an HTTP API (2.0), Function URL or REST API (1.0) event stands for, read the way Hono's own
 * `hono/aws-lambda` adapter reads it (same URL, method, headers, cookies, query string and body), into a
 * LightRequest instead of undici's Request and Headers, whose first use loads all of undici (see
 * ../lambda-handler.ts). What the web Request would refuse is refused alike, with a TypeError.
 */
import { decodeBase64 } from 'hono/utils/encode';
import { LightHeaders } from './light-headers.js';
import { LightRequest } from './light-request.js';

/** The fields of the two event shapes this request is read from (AWS's own types, loosened). */
export interface ProxyEvent {
  version?: string;
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  rawQueryString?: string;
  cookies?: string[];
  requestContext?: { domainName?: string; http?: { method?: string }; [key: string]: unknown };
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods the web Request upper-cases (PATCH is not one of them, as the Fetch standard says). */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** A host and a path with query that a URL parser would give back unchanged (from @hono/node-server). */
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$/;
const PLAIN_TARGET = /^\/[!#$&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;

const encoder = new TextEncoder();

/** The web Request's method rules: a token, not CONNECT/TRACE/TRACK, the common ones upper-cased. */
function requestMethod(given: string | undefined): string {
  if (given === undefined) return 'GET';
  if (NORMALIZED_METHODS.has(given)) return given;
  if (!TOKEN.test(given)) throw new TypeError(`'${given}' is not a valid HTTP method.`);
  const upper = given.toUpperCase();
  if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK')
    throw new TypeError(`'${given}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.has(upper) ? upper : given;
}

/** The URL as the web Request would hold it; a TypeError for one it refuses. */
function requestUrl(host: string | undefined, target: string): string {
  const url = `https://${host}${target}`;
  if (host && PLAIN_HOST.test(host) && PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) return url;
  return new URL(url).href;
}

/** Hono's adapter percent-encodes a header value with characters beyond ASCII, which Headers would refuse. */
const sanitized = (value: string) => (/[\u0080-\uffff]/.test(value) ? encodeURIComponent(value) : value);

/** Whether `event` is an HTTP API 2.0 or Function URL event, as Hono's adapter tells them. */
export const isV2Event = (event: ProxyEvent): boolean =>
  Object.hasOwn(event, 'rawPath') && Object.hasOwn(event.requestContext ?? {}, 'http');

function domainOf(event: ProxyEvent): string | undefined {
  if (event.requestContext && 'domainName' in event.requestContext) return event.requestContext.domainName;
  return event.headers?.host ?? event.multiValueHeaders?.host?.[0];
}

/** The REST API's query string, encoded as Hono's adapter encodes it (repeated names kept). */
function v1Query(event: ProxyEvent): string {
  const encode = encodeURIComponent;
  if (event.multiValueQueryStringParameters) {
    return Object.entries(event.multiValueQueryStringParameters)
      .filter(([, values]) => values)
      .map(([name, values]) => (values ?? []).map((value) => `${encode(name)}=${encode(value)}`).join('&'))
      .join('&');
  }
  return Object.entries(event.queryStringParameters ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encode(name)}=${encode(value ?? '')}`)
    .join('&');
}

function v2Headers(event: ProxyEvent): LightHeaders {
  const headers = new LightHeaders();
  if (Array.isArray(event.cookies)) headers.set('Cookie', event.cookies.join('; '));
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value) headers.set(name, sanitized(value));
  return headers;
}

function v1Headers(event: ProxyEvent): LightHeaders {
  const headers = new LightHeaders();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {}))
    for (const value of values ?? []) headers.append(name, sanitized(value));
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value && !headers.has(name)) headers.set(name, sanitized(value));
  return headers;
}

/**
 * The request an HTTP API 2.0 / Function URL event (`v2`) or a REST API 1.0 event stands for. Throws a
 * TypeError where the web Request would refuse it (a bad header name, method or URL).
 */
export function eventRequest(event: ProxyEvent, v2: boolean): LightRequest {
  const method = requestMethod(v2 ? event.requestContext?.http?.method : event.httpMethod);
  const query = v2 ? event.rawQueryString : v1Query(event);
  const path = (v2 ? event.rawPath : event.path) ?? '';
  const url = requestUrl(domainOf(event), query ? `${path}?${query}` : path);
  const headers = v2 ? v2Headers(event) : v1Headers(event);
  let body: Uint8Array | undefined;
  if (event.body) {
    body = event.isBase64Encoded ? decodeBase64(event.body) : encoder.encode(event.body);
    headers.set('content-length', String(body.length));
  }
  return new LightRequest(method, url, headers, body);
}
