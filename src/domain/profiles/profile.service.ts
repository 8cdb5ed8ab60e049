import type { Actor, Identity } from '../auth/actor.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { initialDisplayName, type Profile, updateProfileInput } from './profile.js';
import type { ProfileRepository } from './profile.repository.js';

/** Profiles known to exist are remembered this long, so a warm process skips the get-or-create write. */
const KNOWN_PROFILE_TTL_MS = 60_000;
const KNOWN_PROFILE_LIMIT = 10_000;

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  clock: Clock;
}

export class ProfileService {
  private readonly known = new Map<string, { profile: Profile; until: number }>();

  constructor(private readonly deps: ProfileServiceDeps) {}

  /**
   * The caller's profile, created on their first authenticated request. Remembered for a while, so a warm
   * process skips the storage call; `current` reads it all the same, for an answer that shows the profile
   * (another process may have renamed it since: what it writes is checked against the stored name anyway).
   */
  async ensure(identity: Identity, options: { current?: boolean } = {}): Promise<Profile> {
    const now = this.deps.clock.now();
    const cached = options.current ? undefined : this.known.get(identity.userId);
    if (cached && cached.until > now.getTime()) return cached.profile;
    // A read, not the conditional write that creates: a refused write is billed as a write.
    const stored = options.current ? await this.deps.profiles.find(identity.userId) : null;
    const profile =
      stored ??
      (await this.deps.profiles.getOrCreate({
        id: identity.userId,
        displayName: initialDisplayName(identity),
        createdAt: now.toISOString(),
      }));
    this.remember(profile);
    return profile;
  }

  async rename(actor: Actor, input: unknown): Promise<Profile> {
    const { displayName } = parseInput(updateProfileInput, input);
    const profile = await this.deps.profiles.rename(actor.userId, displayName);
    if (!profile) throw new NotFoundError('Your profile does not exist yet; retry the request.');
    this.remember(profile);
    return profile;
  }

  private remember(profile: Profile): void {
    if (this.known.size >= KNOWN_PROFILE_LIMIT) this.known.clear();
    this.known.set(profile.id, { profile, until: this.deps.clock.now().getTime() + KNOWN_PROFILE_TTL_MS });
  }
}

export function actorOf(profile: Profile): Actor {
  return { userId: profile.id, displayName: profile.displayName };
}
