import { expect, it } from 'vitest';
import type { Storage } from '../../../src/domain/storage.js';

export function profileContract(fresh: () => Promise<Storage>): void {
  it('creates a profile once and returns the first one after', async () => {
    const { profiles } = await fresh();
    const first = { id: 'u1', displayName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };

    const created = await profiles.getOrCreate(first);
    const again = await profiles.getOrCreate({ ...first, displayName: 'Someone else', createdAt: 'later' });

    expect(created).toEqual(first);
    expect(again).toEqual(first);
  });

  it('gives every racing first request the same profile', async () => {
    const { profiles } = await fresh();

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        profiles.getOrCreate({
          id: 'u2',
          displayName: `name ${i}`,
          createdAt: `2026-01-01T00:00:0${i}.000Z`,
        }),
      ),
    );

    expect(new Set(results.map((profile) => JSON.stringify(profile))).size).toBe(1);
  });

  it('renames an existing profile, and returns null for a missing one', async () => {
    const { profiles } = await fresh();
    const profile = { id: 'u3', displayName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };
    await profiles.getOrCreate(profile);

    const renamed = await profiles.rename('u3', 'Grace');

    expect(renamed).toEqual({ ...profile, displayName: 'Grace' });
    expect(await profiles.getOrCreate(profile)).toEqual(renamed);
    expect(await profiles.rename('nobody', 'Grace')).toBeNull();
  });
}
