import { z } from 'zod';
import type { Identity } from '../auth/actor.js';

export interface Profile {
  id: string;
  displayName: string;
  createdAt: string;
}

export const displayName = z.string().trim().min(1).max(50);
export const updateProfileInput = z.strictObject({ displayName });

/** The name a new profile starts with: the token's name, else the e-mail's local part, else a stable placeholder. */
export function initialDisplayName(identity: Identity): string {
  const candidates = [identity.name, identity.email?.split('@')[0], `user-${identity.userId.slice(0, 8)}`];
  for (const candidate of candidates) {
    const parsed = displayName.safeParse(candidate?.slice(0, 50));
    if (parsed.success) return parsed.data;
  }
  return 'user';
}
