import type { Profile } from '../../domain/profiles/profile.js';
import type { ProfileRepository } from '../../domain/profiles/profile.repository.js';
import { copy, emitChange, type MemoryState } from './memory-state.js';

export class MemoryProfileRepository implements ProfileRepository {
  constructor(private readonly state: MemoryState) {}

  async find(id: string): Promise<Profile | null> {
    const profile = this.state.profiles.get(id);
    return profile ? copy(profile) : null;
  }

  async getOrCreate(profile: Profile): Promise<Profile> {
    const existing = this.state.profiles.get(profile.id);
    if (existing) return copy(existing);
    this.state.profiles.set(profile.id, copy(profile));
    return copy(profile);
  }

  async rename(id: string, displayName: string): Promise<Profile | null> {
    const profile = this.state.profiles.get(id);
    if (!profile) return null;
    const renamed = profile.displayName !== displayName;
    profile.displayName = displayName;
    if (renamed) emitChange(this.state, { type: 'profile.renamed', userId: id, displayName });
    return copy(profile);
  }
}
