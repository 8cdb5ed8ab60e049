import * as z from 'zod/mini';
import type { Identity } from '../auth/actor.js';
import { visibleLine } from '../shared/text.js';

export interface Profile {
  id: string;
  displayName: string;
  createdAt: string;
}

export const displayName = visibleLine(50);
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

/**
 * An id as providers mint them (Cognito's UUIDs, Firebase's uids, `provider|id` and `provider:id` forms,
 * ours): letters and digits, nothing in it to leak. An `@` or a `.` makes it no plain id.
 */
const PLAIN_ID = /^[A-Za-z0-9_|:-]+$/;

/**
 * `user-` and the start of a plain id; any other subject (an address, say: a provider may use one) gives
 * a hash of itself instead, so no placeholder shows what the subject says.
 */
function placeholderName(userId: string): string {
  if (!PLAIN_ID.test(userId)) return `user-${digestOf(userId)}`;
  const visible = userId.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 8);
  return `user-${visible || 'anonymous'}`;
}

/**
 * Eight base-36 characters of two FNV-1a hashes of `text`: stable for a subject and spread across subjects,
 * enough for a placeholder (not a secret: the domain has no crypto, and needs none here).
 */
function digestOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x811c9dc5);
  }
  const part = (h: number) => (h >>> 0).toString(36).padStart(7, '0').slice(-4);
  return part(a) + part(b);
}
