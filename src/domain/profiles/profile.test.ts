import { describe, expect, it } from 'vitest';
import { initialDisplayName } from './profile.js';

describe('initialDisplayName', () => {
  it("is the token's name when it is a valid display name", () => {
    expect(initialDisplayName({ userId: 'u1', name: '  Ada  ' })).toBe('Ada');
  });

  it('is user- and the start of a plain id when there is no usable name', () => {
    expect(initialDisplayName({ userId: 'grace-7f3a9c' })).toBe('user-grace7f3');
    expect(initialDisplayName({ userId: 'grace-7f3a9c', name: '\u0000' })).toBe('user-grace7f3');
    expect(initialDisplayName({ userId: 'grace-7f3a9c', name: 'grace@example.com' })).toBe('user-grace7f3');
  });

  it('never shows a subject that is not a plain id, such as an address: a hash of it instead', () => {
    const name = initialDisplayName({ userId: 'erin@example.com', email: 'erin@example.com' });
    expect(name).toMatch(/^user-[0-9a-z]{8}$/);
    expect(name).not.toMatch(/erin|exam/);
    // Stable for the subject, distinct across subjects.
    expect(initialDisplayName({ userId: 'erin@example.com' })).toBe(name);
    expect(initialDisplayName({ userId: 'erin@example.org' })).not.toBe(name);
    expect(initialDisplayName({ userId: 'a#b' })).toMatch(/^user-[0-9a-z]{8}$/);
    expect(initialDisplayName({ userId: 'erin.sparks' })).toMatch(/^user-[0-9a-z]{8}$/);
    expect(initialDisplayName({ userId: 'google-oauth2|1234' })).toBe('user-googleoa');
  });
});
