import type { CreateOutcome, IdempotencyClaim } from '../../domain/shared/idempotency.js';
import { copy, type MemoryState } from './memory-state.js';

/** The previous outcome when the claim's key is taken and unexpired, else null (and the caller may write). */
export function previousOutcome<T>(
  state: MemoryState,
  claim: IdempotencyClaim | undefined,
): CreateOutcome<T> | null {
  if (!claim) return null;
  const existing = state.claims.get(claimId(claim));
  if (!existing || existing.expiresAt < claim.issuedAt) return null;
  return {
    created: false,
    previous: { fingerprint: existing.fingerprint, result: copy(existing.result as T) },
  };
}

export function recordClaim(state: MemoryState, claim: IdempotencyClaim | undefined, result: unknown): void {
  if (!claim) return;
  state.claims.set(claimId(claim), {
    fingerprint: claim.fingerprint,
    result: copy(result),
    expiresAt: claim.expiresAt,
  });
}

function claimId(claim: IdempotencyClaim): string {
  return `${claim.userId}\0${claim.key}`;
}
