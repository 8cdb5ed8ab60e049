import { describe, expect, it } from 'vitest';
import { domainKit } from '../../../test/support/domain-kit.js';
import { initialDisplayName } from './profile.js';

describe('ProfileService', () => {
  it('creates the profile on first use from the token name, and keeps it after', async () => {
    const { profiles } = domainKit();
    const first = await profiles.ensure({ userId: 'u1', name: ' Ada Lovelace ' });
    expect(first).toEqual({ id: 'u1', displayName: 'Ada Lovelace', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await profiles.ensure({ userId: 'u1', name: 'Someone Else' })).toEqual(first);
  });

  it('renames with validation', async () => {
    const { profiles } = domainKit();
    await profiles.ensure({ userId: 'u1' });
    const actor = { userId: 'u1', displayName: 'x' };
    expect(await profiles.rename(actor, { displayName: ' Grace ' })).toMatchObject({ displayName: 'Grace' });
    expect(await profiles.ensure({ userId: 'u1' })).toMatchObject({ displayName: 'Grace' });
    for (const displayName of ['x'.repeat(51), '\u200b\u200b', '\u3000\ufeff\u00a0']) {
      await expect(profiles.rename(actor, { displayName })).rejects.toMatchObject({
        code: 'validation_error',
      });
    }
  });

  it.each([
    [{ userId: 'abcdefghijk', name: 'Ada' }, 'Ada'],
    [{ userId: 'abcdefghijk', email: 'grace@example.com' }, 'user-abcdefgh'],
    [{ userId: 'abcdefghijk', name: 'grace@example.com' }, 'user-abcdefgh'],
    [{ userId: 'abcdefghijk', name: '\u200b\u200d\u2060' }, 'user-abcdefgh'],
    [{ userId: 'google-oauth2|1234', email: 'grace@example.com' }, 'user-googleoa'],
    [{ userId: 'abcdefghijk', name: '   ' }, 'user-abcdefgh'],
    [{ userId: 'abcdefghijk', name: 'N'.repeat(80) }, 'N'.repeat(50)],
  ])('derives the first display name from %o', (identity, expected) => {
    expect(initialDisplayName(identity)).toBe(expected);
  });
});
