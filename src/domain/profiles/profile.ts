import * as z from 'zod/mini';
import type { Identity } from '../auth/actor.js';
import { visibleText } from '../shared/text.js';

export interface Profile {
  id: string;
  displayName: string;
  createdAt: string;
}

export const displayName = visibleText(50);
export const updateProfileInput = z.strictObject({ displayName });

/**
 * The name a new profile starts with: the token's name, else a neutral placeholder from the id. Never the
 * e-mail (not even its local part): a display name is public, and an address is only published by choice.
 */
export function initialDisplayName(identity: Identity): string {
  const parsed = displayName.safeParse(identity.name?.slice(0, 50));
  // Some providers put the address in the name claim (Cognito's username may be one): not a name.
  if (!parsed.success || EMAIL_ADDRESS.test(parsed.data)) return placeholderName(identity.userId);
  return parsed.data;
}

const EMAIL_ADDRESS = /[^\s@]+@[^\s@]+\.[^\s@]+/;

function placeholderName(userId: string): string {
  const visible = userId.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 8);
  return `user-${visible || 'anonymous'}`;
}
