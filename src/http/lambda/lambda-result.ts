/**
 * The app's answer as the Lambda result AWS expects, built as Hono's `hono/aws-lambda` adapter builds it
 * (its `createResult`): the same base64 rule, headers, cookies and shape per event kind. A light answer
 * (light-response.ts) is read as it is held; a real Response, which a handler may build (a stream, a file),
 * through its own Headers and body.
 */
import { type AnswerParts, type LightBody, LightResponse } from './light-response.js';

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
  [key: string]: unknown;
}

/** What of the event decides the result's shape. */
export interface ResultShape {
  /** HTTP API 2.0 and Function URL results take cookies apart; REST API 1.0 ones as a multi-value header. */
  v2: boolean;
  /** A REST API event with `multiValueHeaders` is answered with them. */
  multiValueHeaders: boolean;
}

const decoder = new TextDecoder();

/** A header of an answer's parts (names are lower-case in both forms). */
function headerIn(parts: AnswerParts, name: string): string | undefined {
  return parts.record ? parts.record[name] : parts.headers.find(([key]) => key === name)?.[1];
}

/**
 * Hono's adapter's own rule (`defaultIsContentTypeBinary`), restated so that the module holding it, Hono's
 * whole adapter, is not loaded at init for two expressions: text, JSON and XML types travel as text.
 */
export const isBinaryType = (type: string) =>
  /^application\/vnd\.(?:apple\.installer|mozilla\.xul)\+xml\s*(?:;|$)/i.test(type) ||
  !/^text\/(?:plain|html|css|javascript|csv)|(?:\/|\+)(?:json|xml)\s*(?:;|$)/i.test(type);

/** Binary answers travel base64: a binary content type, or any content coding but identity. */
function isBinary(parts: AnswerParts): boolean {
  const type = headerIn(parts, 'content-type');
  if (type && isBinaryType(type)) return true;
  const coding = headerIn(parts, 'content-encoding');
  return !!coding && !/^identity$/i.test(coding);
}

function encodedBody(body: LightBody, base64: boolean): string {
  if (body === null) return '';
  if (typeof body === 'string') return base64 ? Buffer.from(body).toString('base64') : body;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return base64 ? bytes.toString('base64') : decoder.decode(bytes);
}

async function partsOfReal(response: Response): Promise<AnswerParts> {
  const headers = [...response.headers];
  const base64 = isBinary({ status: response.status, headers, body: null });
  const body = base64 ? new Uint8Array(await response.arrayBuffer()) : await response.text();
  return { status: response.status, headers, body };
}

/** The Lambda result for the app's `response` to an event of `shape`. */
export async function lambdaResult(response: Response, shape: ResultShape): Promise<HttpResult> {
  const parts = LightResponse.partsOf(response) ?? (await partsOfReal(response));
  const base64 = isBinary(parts);
  const body = encodedBody(parts.body, base64);
  const { record } = parts;
  // The common answer (JSON with a record of headers, no cookies, to an HTTP API event) takes its record.
  if (record && !shape.multiValueHeaders && !('set-cookie' in record))
    return { body, statusCode: parts.status, isBase64Encoded: base64, headers: record };
  const result: HttpResult = {
    body,
    statusCode: parts.status,
    isBase64Encoded: base64,
    ...(shape.multiValueHeaders ? { multiValueHeaders: {} } : { headers: {} }),
  };
  const pairs = parts.headers ?? Object.entries(parts.record);
  const cookies = pairs.filter(([name]) => name === 'set-cookie').map(([, value]) => value);
  // As Hono's adapter: a REST result with cookies has every header multi-valued (its `headers` stay empty).
  if (cookies.length > 0) {
    if (shape.v2) result.cookies = cookies;
    else result.multiValueHeaders = { 'set-cookie': cookies };
  }
  const { multiValueHeaders, headers } = result;
  for (const [name, value] of pairs) {
    if (name === 'set-cookie') continue;
    if (multiValueHeaders) multiValueHeaders[name] = [value];
    else if (headers) headers[name] = value;
  }
  return result;
}
