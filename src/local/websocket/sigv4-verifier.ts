import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sha256Hex, sigV4Signature } from '../../adapters/aws/sigv4.js';

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

const invalidSignature = (message: string): SignatureRefusal => ({
  errorType: 'InvalidSignatureException',
  message,
});

/**
 * Checks a request's SigV4 signature as API Gateway does for its management API: the caller's key must be
 * the one configured, the scope this region and `execute-api`, the time within 15 minutes, and the
 * signature the one the AWS SDK's signer computes over what arrived (src/adapters/aws/sigv4.ts, held to the
 * SDK's own by its test). Returns null when it holds.
 */
export async function verifySigV4(
  req: IncomingMessage,
  body: Buffer,
  expected: { credentials: SigningCredentials; region: string; service: string; now: number },
): Promise<SignatureRefusal | null> {
  const authorization = req.headers.authorization;
  if (authorization === undefined) {
    return { errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed)
    return { errorType: 'IncompleteSignatureException', message: 'Authorization header is malformed.' };
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] =
    parsed as unknown as string[];
  if (accessKeyId !== expected.credentials.accessKeyId) {
    return {
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (region !== expected.region || service !== expected.service) {
    return invalidSignature(
      `Credential should be scoped to region '${expected.region}' and service '${expected.service}'.`,
    );
  }
  const amzDateHeader = header(req, 'x-amz-date');
  const signingDate = amzDate(amzDateHeader);
  if (!signingDate || !amzDateHeader?.startsWith(shortDate as string)) {
    return invalidSignature('The x-amz-date header is missing or does not match the credential scope.');
  }
  if (Math.abs(expected.now - signingDate.getTime()) > MAX_SKEW_MS) {
    return invalidSignature(
      'Signature expired: the request time is more than 15 minutes from the server time.',
    );
  }
  const signedHeaders = (signedHeaderList as string).split(';');
  if (!signedHeaders.includes('host')) return invalidSignature("'Host' must be a signed header.");
  const declaredHash = header(req, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== UNSIGNED_PAYLOAD && declaredHash !== sha256Hex(body)) {
    return invalidSignature('The x-amz-content-sha256 header does not match the body.');
  }

  // The request as the caller signed it: only the headers it says it signed, the path as sent.
  const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
  const computed = sigV4Signature(
    {
      method: req.method ?? 'GET',
      path,
      ...(query ? { query: Object.fromEntries(new URLSearchParams(query)) } : {}),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, header(req, name) ?? ''])),
      // The declared hash counts only when signed; `UNSIGNED-PAYLOAD` is then what was signed.
      payloadHash:
        declaredHash !== undefined && signedHeaders.includes('x-amz-content-sha256')
          ? declaredHash
          : sha256Hex(body),
    },
    {
      secretAccessKey: expected.credentials.secretAccessKey,
      amzDate: amzDateHeader as string,
      region,
      service,
    },
  );
  const matches =
    computed.length === signature?.length && timingSafeEqual(Buffer.from(computed), Buffer.from(signature));
  return matches
    ? null
    : invalidSignature(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
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
