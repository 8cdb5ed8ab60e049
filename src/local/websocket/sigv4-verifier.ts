import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pathSigner, sha256Hex } from '../../adapters/aws/sigv4.js';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Why a call was refused, as API Gateway names it (`x-amzn-ErrorType`) and words it. */
export interface SignatureRefusal {
  errorType: string;
  message: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** AWS refuses signatures more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const SIGNATURE = 'Signature=';
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const MALFORMED: SignatureRefusal = {
  errorType: 'IncompleteSignatureException',
  message: 'Authorization header is malformed.',
};

const invalidSignature = (message: string): SignatureRefusal => ({
  errorType: 'InvalidSignatureException',
  message,
});

export interface ExpectedSigner {
  credentials: SigningCredentials;
  region: string;
  service: string;
}

/** What a request's Authorization header says before its signature, checked once per distinct header. */
interface Credential {
  /** Set when the credential alone refuses the call. */
  refusal?: SignatureRefusal;
  shortDate: string;
  signedHeaders: string[];
}

/**
 * Checks requests' SigV4 signatures as API Gateway does for its management API: the caller's key must be
 * the one configured, the scope this region and `execute-api`, the time within 15 minutes, and the
 * signature the one the AWS SDK's signer computes over what arrived (src/adapters/aws/sigv4.ts, held to the
 * SDK's own by its test). The returned check answers null when the signature holds.
 *
 * The calls of a fan-out arrive back to back with the same credential, date, headers and body, and differ
 * only in their path and signature: what they share is parsed, hashed and built once, and each call pays
 * for its own path and signature only.
 */
export function sigV4Verifier(
  expected: ExpectedSigner,
): (req: IncomingMessage, body: Buffer, now: number) => SignatureRefusal | null {
  let lastCredential: { prefix: string; credential: Credential } | undefined;
  let lastBody: { body: Buffer; hash: string } | undefined;
  /** The signer of the last call, and all that it was built from but the path. */
  let lastSigner:
    | {
        credential: Credential;
        amzDate: string;
        method: string;
        query: string;
        values: string[];
        payloadHash: string;
        sign: (path: string) => string;
      }
    | undefined;
  /**
   * Whether the last signer signs this request: compared part by part, the signed headers' values read from
   * the request as they are compared, not as one string or one list built per call.
   */
  const sameSigner = (
    credential: Credential,
    amzDate: string,
    method: string,
    query: string,
    req: IncomingMessage,
    payloadHash: string,
  ): boolean => {
    const last = lastSigner;
    if (
      last?.credential !== credential ||
      last.amzDate !== amzDate ||
      last.method !== method ||
      last.query !== query ||
      last.payloadHash !== payloadHash
    ) {
      return false;
    }
    // The same credential object holds the same signed header names, so the values line up.
    const names = credential.signedHeaders;
    for (let i = 0; i < names.length; i++) {
      if (last.values[i] !== (header(req, names[i] as string) ?? '')) return false;
    }
    return true;
  };

  /** `prefix` is the header up to its signature, which is all that the credential depends on. */
  const credentialOf = (prefix: string, authorization: string): Credential | SignatureRefusal => {
    if (lastCredential?.prefix === prefix) return lastCredential.credential;
    const parsed = AUTHORIZATION.exec(authorization);
    if (!parsed) return MALFORMED;
    const [, accessKeyId, shortDate, region, service, signedHeaderList] = parsed as unknown as string[];
    const credential: Credential = {
      shortDate: shortDate as string,
      signedHeaders: (signedHeaderList as string).split(';'),
      ...(accessKeyId !== expected.credentials.accessKeyId
        ? {
            refusal: {
              errorType: 'UnrecognizedClientException',
              message: 'The security token included in the request is invalid.',
            },
          }
        : region !== expected.region || service !== expected.service
          ? {
              refusal: invalidSignature(
                `Credential should be scoped to region '${expected.region}' and service '${expected.service}'.`,
              ),
            }
          : {}),
    };
    lastCredential = { prefix, credential };
    return credential;
  };

  const expectedBytes = Buffer.alloc(64);
  const sentBytes = Buffer.alloc(64);

  const hashOf = (body: Buffer): string => {
    if (!lastBody?.body.equals(body)) lastBody = { body, hash: sha256Hex(body) };
    return lastBody.hash;
  };

  return (req, body, now) => {
    const authorization = req.headers.authorization;
    if (authorization === undefined) {
      return { errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
    }
    const at = authorization.lastIndexOf(SIGNATURE);
    const prefix = authorization.slice(0, Math.max(at, 0));
    const signature = authorization.slice(at + SIGNATURE.length);
    if (at < 0 || !HEX_SIGNATURE.test(signature)) return MALFORMED;
    const credential = credentialOf(prefix, authorization);
    if ('errorType' in credential) return credential;
    if (credential.refusal) return credential.refusal;
    const { shortDate, signedHeaders } = credential;
    const amzDateHeader = header(req, 'x-amz-date');
    const signingDate = amzDate(amzDateHeader);
    if (!signingDate || !amzDateHeader?.startsWith(shortDate)) {
      return invalidSignature('The x-amz-date header is missing or does not match the credential scope.');
    }
    if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
      return invalidSignature(
        'Signature expired: the request time is more than 15 minutes from the server time.',
      );
    }
    if (!signedHeaders.includes('host')) return invalidSignature("'Host' must be a signed header.");
    const declaredHash = header(req, 'x-amz-content-sha256');
    if (declaredHash !== undefined && declaredHash !== UNSIGNED_PAYLOAD && declaredHash !== hashOf(body)) {
      return invalidSignature('The x-amz-content-sha256 header does not match the body.');
    }

    // The request as the caller signed it: only the headers it says it signed, the path as sent.
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const method = req.method ?? 'GET';
    // The declared hash counts only when signed; `UNSIGNED-PAYLOAD` is then what was signed.
    const payloadHash =
      declaredHash !== undefined && signedHeaders.includes('x-amz-content-sha256')
        ? declaredHash
        : hashOf(body);
    // The credential is the same object for the same header prefix, which holds the signed header names.
    if (!sameSigner(credential, amzDateHeader, method, query, req, payloadHash)) {
      const values = signedHeaders.map((name) => header(req, name) ?? '');
      const sign = pathSigner(
        {
          method,
          ...(query ? { query: Object.fromEntries(new URLSearchParams(query)) } : {}),
          headers: Object.fromEntries(signedHeaders.map((name, i) => [name, values[i] as string])),
          payloadHash,
        },
        {
          secretAccessKey: expected.credentials.secretAccessKey,
          amzDate: amzDateHeader,
          region: expected.region,
          service: expected.service,
        },
      );
      lastSigner = { credential, amzDate: amzDateHeader, method, query, values, payloadHash, sign };
    }
    // Both are 64 hex digits (the sent one checked above), compared in constant time in two buffers kept
    // for it rather than decoded into new ones per call.
    expectedBytes.write((lastSigner as NonNullable<typeof lastSigner>).sign(path), 'latin1');
    sentBytes.write(signature, 'latin1');
    return timingSafeEqual(expectedBytes, sentBytes)
      ? null
      : invalidSignature(
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        );
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The last header parsed: the calls of one fan-out arrive stamped with the same second. */
let lastAmzDate: { value: string; date: Date | null } | undefined;

function amzDate(value: string | undefined): Date | null {
  if (value === undefined) return null;
  if (lastAmzDate?.value === value) return lastAmzDate.date;
  const m = AMZ_DATE.exec(value);
  let date: Date | null = null;
  if (m) {
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
    if (Number.isNaN(date.getTime())) date = null;
  }
  lastAmzDate = { value, date };
  return date;
}
