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
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    credentialScope(amzDate, region, service),
    sha256Hex(canonicalRequest(request)),
  ].join('\n');
  return createHmac('sha256', signingKey(scope)).update(stringToSign).digest('hex');
}

/** The four chained HMACs depend only on the secret, the day, the region and the service: derived once a day. */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 50;

function signingKey({ secretAccessKey, amzDate, region, service }: SigV4Scope): Buffer {
  const day = amzDate.slice(0, 8);
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
  return key;
}

function canonicalRequest({ method, path, query = {}, headers, payloadHash }: SigV4Request): string {
  const names = Object.keys(headers).sort();
  return [
    method,
    canonicalPath(path),
    canonicalQuery(query),
    ...names.map((name) => `${name}:${canonicalValue(headers[name] as string)}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
}

/** Dot segments resolved, empty ones dropped, then every segment encoded a second time (all but S3 do so). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
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

function canonicalValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** RFC 3986 unreserved characters only, as SigV4 wants: encodeURIComponent leaves `!'()*` as they are. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
