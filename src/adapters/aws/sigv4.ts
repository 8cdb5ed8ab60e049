import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one request in memory, synchronous and on node:crypto: what a fan-out signs
 * thousands of times a second and the local gateway checks as often. The AWS SDK's signer computes the same
 * signature (sigv4.test.ts holds the two to it) but through promises, provider calls and
 * header copies per request, which a push of a few hundred bytes cannot afford.
 */
export interface SigV4Request {
  method: string;
  /** The path as it goes on the wire (already percent-encoded once), without the query. */
  path: string;
  /** The query's parameters, decoded; most management API calls have none. */
  query?: Readonly<Record<string, string>>;
  /** The signed headers only, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`). */
  payloadHash: string;
}

export interface SigV4Scope {
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ`, as in `x-amz-date`. */
  amzDate: string;
  region: string;
  service: string;
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** `YYYYMMDDTHHMMSSZ` for `x-amz-date`. */
export const amzDateOf = (date: Date): string => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

export const credentialScope = (amzDate: string, region: string, service: string): string =>
  `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;

/** The request's signature: hex HMAC of the string to sign under the day's derived key. */
export function sigV4Signature(request: SigV4Request, scope: SigV4Scope): string {
  const { amzDate, region, service } = scope;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${credentialScope(amzDate, region, service)}\n${sha256Hex(canonicalRequest(request))}`;
  return createHmac('sha256', signingKey(scope)).update(stringToSign).digest('hex');
}

/** The four chained HMACs depend only on the secret, the day, the region and the service: derived once a day. */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 50;
/** The key of the last call: a fan-out signs thousands of requests in a row with the same one. */
let lastKey:
  | { secretAccessKey: string; day: string; region: string; service: string; key: Buffer }
  | undefined;

function signingKey({ secretAccessKey, amzDate, region, service }: SigV4Scope): Buffer {
  const day = amzDate.slice(0, 8);
  const last = lastKey;
  if (
    last?.secretAccessKey === secretAccessKey &&
    last.day === day &&
    last.region === region &&
    last.service === service
  ) {
    return last.key;
  }
  const id = `${secretAccessKey}\n${day}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = [day, region, service, 'aws4_request'].reduce<Buffer>(
      (previous, part) => createHmac('sha256', previous).update(part).digest(),
      Buffer.from(`AWS4${secretAccessKey}`),
    );
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.delete(signingKeys.keys().next().value as string);
    signingKeys.set(id, key);
  }
  lastKey = { secretAccessKey, day, region, service, key };
  return key;
}

function canonicalRequest({ method, path, query, headers, payloadHash }: SigV4Request): string {
  const names = Object.keys(headers).sort();
  let lines = '';
  for (const name of names) lines += `${name}:${canonicalValue(headers[name] as string)}\n`;
  return `${method}\n${canonicalPath(path)}\n${query ? canonicalQuery(query) : ''}\n${lines}\n${names.join(';')}\n${payloadHash}`;
}

/** Dot segments resolved, empty ones dropped, then every segment encoded a second time (all but S3 do so). */
function canonicalPath(path: string): string {
  const parts = path.split('/');
  // Most paths have no empty or dot segments to resolve: only the leading '' of the leading slash.
  const plain = parts.every((part, i) => (part !== '' || i === 0) && part !== '.' && part !== '..');
  if (plain) {
    let escaped = escapeUri(parts[0] as string);
    for (let i = 1; i < parts.length; i++) escaped += `/${escapeUri(parts[i] as string)}`;
    return escaped;
  }
  const segments: string[] = [];
  for (const segment of parts) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${path.startsWith('/') ? '/' : ''}${segments.map(escapeUri).join('/')}${trailing}`;
}

function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .filter((name) => name.toLowerCase() !== 'x-amz-signature')
    .map((name) => [escapeUri(name), escapeUri(query[name] as string)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Most values have nothing to fold: tested first, as this runs for every header of every request. */
const FOLDABLE = /[\r\n\t]| {2}|^ | $/;

function canonicalValue(value: string): string {
  if (!FOLDABLE.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** RFC 3986 unreserved characters only, as SigV4 wants: encodeURIComponent leaves `!'()*` as they are. */
export function escapeUri(text: string): string {
  if (UNRESERVED.test(text)) return text;
  const encoded = encodeURIComponent(text);
  return RESERVED_BY_SIGV4.test(encoded) ? encoded.replace(RESERVED_BY_SIGV4_ALL, hexEncode) : encoded;
}

const RESERVED_BY_SIGV4 = /[!'()*]/;
const RESERVED_BY_SIGV4_ALL = /[!'()*]/g;
const hexEncode = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
