import { randomBytes } from 'node:crypto';

/**
 * An id shaped like API Gateway's connection, request and message ids (`BFaT_fALIAMCKug=`): 16 characters
 * of URL-safe base64 ending in `=`. Keeping the `=` matters: it is what makes callers URL-encode the id in
 * `@connections/{id}`, as they must in AWS.
 */
export function awsId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}

/** URL-safe base64's 64 characters in ascending code order, so a number written in them sorts as it counts. */
const SORTABLE = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const COUNTER_CHARS = 5;

/**
 * Connection ids shaped as `awsId`'s (16 characters of URL-safe base64 ending in `=`, 60 bits of them
 * random) whose first five count up, so that sorted, as gsi1 and the memory store return a post's
 * subscribers, they come in the order their connections opened. A local fan-out then walks this process's
 * sockets and their `ws` and parser objects in the order they were allocated rather than scattered across
 * the heap, which measured ~7% of a push to 5,000 subscribers (bench/results). AWS's ids order nothing:
 * no code may rely on these doing so.
 */
export function connectionIds(): () => string {
  // From `A`, so that no id begins with `-`, which a command line would read as an option.
  let count = SORTABLE.indexOf('A') * 64 ** (COUNTER_CHARS - 1);
  return () => {
    // Past 64^5 connections the counter wraps; the ids stay unique by their random part.
    let n = count++;
    let prefix = '';
    for (let i = 0; i < COUNTER_CHARS; i++) {
      prefix = SORTABLE[n % 64] + prefix;
      n = Math.floor(n / 64);
    }
    return `${prefix}${randomBytes(8).toString('base64url').slice(0, 10)}=`;
  };
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
