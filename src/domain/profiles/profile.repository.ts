import type { Profile } from './profile.js';

export interface ProfileRepository {
  /** The stored profile, read as of now; null when there is none. */
  find(id: string): Promise<Profile | null>;
  /** Stores `profile` unless one with its id exists; returns whichever is stored. */
  getOrCreate(profile: Profile): Promise<Profile>;
  /** Sets the display name; null when there is no such profile. */
  rename(id: string, displayName: string): Promise<Profile | null>;
}
