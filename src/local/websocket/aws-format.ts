import { randomBytes } from 'node:crypto';

/**
 * An id shaped like API Gateway's connection, request and message ids (`BFaT_fALIAMCKug=`): 16 characters
 * of URL-safe base64 ending in `=`. Keeping the `=` matters: it is what makes callers URL-encode the id in
 * `@connections/{id}`, as they must in AWS.
 */
export function awsId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `requestContext.requestTime` in AWS's access-log format: `11/Nov/2024:13:45:46 +0000`. */
export function awsRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** An X-Ray trace header like the one API Gateway adds to the upgrade request. */
export function awsTraceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
