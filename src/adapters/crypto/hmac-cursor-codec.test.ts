import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../domain/shared/errors.js';
import { HmacCursorCodec } from './hmac-cursor-codec.js';

const codec = new HmacCursorCodec('s'.repeat(32));
const key = { pk: 'POST#01J', sk: '#POST', gsi1pk: 'POSTS', gsi1sk: '01J' };

describe('HmacCursorCodec', () => {
  it('round-trips a storage key within its scope', () => {
    expect(codec.decode('posts', codec.encode('posts', key))).toEqual(key);
  });

  it('refuses a cursor from another list', () => {
    const cursor = codec.encode('comments:a', key);
    expect(() => codec.decode('comments:b', cursor)).toThrowError(BadRequestError);
  });

  it('refuses a cursor signed with another secret', () => {
    const cursor = new HmacCursorCodec('t'.repeat(32)).encode('posts', key);
    expect(() => codec.decode('posts', cursor)).toThrowError(BadRequestError);
  });

  it.each([
    [
      'a changed payload',
      (c: string) => `${Buffer.from('{"pk":"POST#other"}').toString('base64url')}.${c.split('.')[1]}`,
    ],
    ['a changed signature', (c: string) => `${c.slice(0, -2)}AA`],
    ['no signature', (c: string) => c.split('.')[0] ?? ''],
    ['an extra segment', (c: string) => `${c}.x`],
    ['garbage', () => '%%%'],
    ['a huge cursor', () => 'a'.repeat(5000)],
  ])('refuses %s', (_name, tamper) => {
    expect(() => codec.decode('posts', tamper(codec.encode('posts', key)))).toThrowError(BadRequestError);
  });
});
