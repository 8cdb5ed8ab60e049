import { createHash } from 'node:crypto';

/**
 * `Idempotency-Key` support. The claim is written in the same storage transaction as the resource it
 * guards, so a retry can never create a second resource, and a crash can never leave a claim without one.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyClaim {
  userId: string;
  key: string;
  /** Hash of the operation and its validated input: the same key with another body is refused. */
  fingerprint: string;
  /** Epoch seconds when the claim is made: an earlier claim whose expiresAt is before this no longer counts. */
  issuedAt: number;
  /** Epoch seconds after which the claim no longer counts (and DynamoDB's TTL may delete it). */
  expiresAt: number;
}

export type CreateOutcome<T> =
  | { created: true }
  | { created: false; previous: { fingerprint: string; result: T } };

export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(operation)
    .update('\0')
    .update(JSON.stringify(input))
    .digest('base64url');
}

export function claimFor(
  userId: string,
  key: string | undefined,
  operation: string,
  input: unknown,
  now: Date,
): IdempotencyClaim | undefined {
  if (key === undefined) return undefined;
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    userId,
    key,
    fingerprint: fingerprintOf(operation, input),
    issuedAt,
    expiresAt: issuedAt + IDEMPOTENCY_TTL_SECONDS,
  };
}
