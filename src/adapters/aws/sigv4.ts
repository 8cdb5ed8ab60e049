import { createHmac, hash } from 'node:crypto';

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

/**
 * One-shot: `crypto.hash` skips the Hash object and OpenSSL's per-object digest lookup, which cost several
 * times the hashing itself on inputs of a few hundred bytes (two of these per push, signed and verified).
 */
export const sha256Hex = (data: string | Buffer): string => hash('sha256', data, 'hex');

/** `YYYYMMDDTHHMMSSZ` for `x-amz-date`. */
export const amzDateOf = (date: Date): string => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

export const credentialScope = (amzDate: string, region: string, service: string): string =>
  `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;

/** The request's signature: hex HMAC of the string to sign under the day's derived key. */
export function sigV4Signature(request: SigV4Request, scope: SigV4Scope): string {
  return pathSigner(request, scope)(request.path);
}

/**
 * Signs requests that differ only in their path: a fan-out posts the same body to thousands of connections
 * within the same second, so everything in the canonical request and the string to sign but the path is
 * built once, and each push pays only for its path and its three hashes. These run over buffers the signer
 * keeps, so nothing but strings is allocated per path: the canonical request (its head and tail fixed, the
 * path written between them), then HMAC's inner block (the key's block and the string to sign, its hash of
 * the canonical request written in) and outer block (the key's block, then the inner digest). A string
 * hashed as it is would be flattened and encoded into a buffer of its own first, and a Buffer made per
 * push, with its backing store, cost the collector more than the hashing.
 */
export function pathSigner(request: Omit<SigV4Request, 'path'>, scope: SigV4Scope): (path: string) => string {
  const { method, query, headers, payloadHash } = request;
  const { amzDate, region, service } = scope;
  const names = Object.keys(headers).sort();
  let lines = '';
  for (const name of names) lines += `${name}:${canonicalValue(headers[name] as string)}\n`;
  const canonicalRequest = canonicalRequestOf(
    `${method}\n`,
    Buffer.from(`\n${query ? canonicalQuery(query) : ''}\n${lines}\n${names.join(';')}\n${payloadHash}`),
  );
  const toSign = Buffer.from(`AWS4-HMAC-SHA256\n${amzDate}\n${credentialScope(amzDate, region, service)}\n`);
  const key = signingKey(scope);
  // RFC 2104 as two one-shot hashes over the key's padded blocks: `createHmac` sets up a new OpenSSL
  // context and key schedule for every message, which cost more than the message's own hashing.
  const inner = Buffer.concat([key.inner, toSign, Buffer.alloc(64)]);
  const hashAt = BLOCK + toSign.length;
  const outer = Buffer.concat([key.outer, Buffer.alloc(32)]);
  return (path) => {
    inner.write(hash('sha256', canonicalRequest(canonicalPath(path)), 'hex'), hashAt, 'latin1');
    // The inner digest as a binary (latin1) string, one byte a character, written back as those bytes.
    outer.write(hash('sha256', inner, 'binary'), BLOCK, 'binary');
    return hash('sha256', outer, 'hex');
  };
}

/**
 * The canonical request's bytes for a canonical path: `head`, the path, then `tail`, in one buffer kept
 * for them. A canonical path is percent-encoded, so ASCII: as many bytes as characters.
 */
function canonicalRequestOf(head: string, tail: Buffer): (path: string) => Buffer {
  const headLength = Buffer.byteLength(head);
  // Unsafe (from Node's pool, as a one-off signer's buffers should be): every byte hashed is written first.
  let buffer = Buffer.allocUnsafe(0);
  let view = buffer;
  return (path) => {
    const length = headLength + path.length + tail.length;
    if (buffer.length < length) {
      buffer = Buffer.allocUnsafe(length + 128);
      buffer.write(head);
      view = buffer.subarray(0, length);
    } else if (view.length !== length) {
      // Otherwise kept while paths keep their length, as a fan-out's connection ids do.
      view = buffer.subarray(0, length);
    }
    buffer.write(path, headLength, 'latin1');
    tail.copy(buffer, headLength + path.length);
    return view;
  };
}

const BLOCK = 64;

/** A derived key (32 bytes, never longer than a block) as HMAC's inner and outer padded blocks. */
interface PaddedKey {
  inner: Buffer;
  outer: Buffer;
}

function paddedKey(key: Buffer): PaddedKey {
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] = (inner[i] as number) ^ (key[i] as number);
    outer[i] = (outer[i] as number) ^ (key[i] as number);
  }
  return { inner, outer };
}

/** The four chained HMACs depend only on the secret, the day, the region and the service: derived once a day. */
const signingKeys = new Map<string, PaddedKey>();
const MAX_SIGNING_KEYS = 50;
/** The key of the last call: a fan-out signs thousands of requests in a row with the same one. */
let lastKey:
  | { secretAccessKey: string; day: string; region: string; service: string; key: PaddedKey }
  | undefined;

function signingKey({ secretAccessKey, amzDate, region, service }: SigV4Scope): PaddedKey {
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
    key = paddedKey(
      [day, region, service, 'aws4_request'].reduce<Buffer>(
        (previous, part) => createHmac('sha256', previous).update(part).digest(),
        Buffer.from(`AWS4${secretAccessKey}`),
      ),
    );
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.delete(signingKeys.keys().next().value as string);
    signingKeys.set(id, key);
  }
  lastKey = { secretAccessKey, day, region, service, key };
  return key;
}

/** An empty segment (but the leading slash's), or a `.` or `..` one. */
const UNRESOLVED = /\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The last folder canonicalised (a path up to its last slash), when it had nothing to resolve: a fan-out's
 * paths are one folder, `/<stage>/@connections`, and differ in their last segment only.
 */
let lastFolder: { path: string; canonical: string } | undefined;

/** Dot segments resolved, empty ones dropped, then every segment encoded a second time (all but S3 do so). */
function canonicalPath(path: string): string {
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  // Only a last segment that resolves to itself is appended to its folder's canonical form as it is.
  if (slash > 0 && last !== '' && last !== '.' && last !== '..') {
    const folder = path.slice(0, slash);
    if (lastFolder?.path === folder) return `${lastFolder.canonical}/${escapeUri(last)}`;
    if (path.startsWith('/') && !UNRESOLVED.test(folder)) {
      lastFolder = { path: folder, canonical: escapeUri(folder).replaceAll('%2F', '/') };
      return `${lastFolder.canonical}/${escapeUri(last)}`;
    }
  }
  // Most paths have no empty or dot segments to resolve; encoding such a path whole and putting its slashes
  // back is encoding each segment, for one call instead of one per segment.
  if (!UNRESOLVED.test(path)) return escapeUri(path).replaceAll('%2F', '/');
  const parts = path.split('/');
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
