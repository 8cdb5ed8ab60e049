import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { idempotencyHeaders, idParam, listQuery } from './common.schemas.js';
import { plainAcceptance } from './plain-acceptance.js';

const twoIds = z.object({ id: idParam, commentId: idParam });
const withOptional = z.object({
  name: z.string().check(z.maxLength(5)),
  note: z.optional(z.string().check(z.minLength(2))),
});
// A pattern that remembers where it stopped (g): zod resets it before each test, and so must the test here.
const globalPattern = z.object({ code: z.string().check(z.regex(/^[a-z]+$/g)) });

const inputs: Record<string, unknown>[] = [
  { id: 'p1', commentId: 'c_2-X' },
  { id: '01M8NGH2RSAXACBYSQ8TH9E2M1', commentId: 'a'.repeat(64) },
  { id: 'p1', commentId: 'a'.repeat(65) },
  { id: '', commentId: 'c1' },
  { id: 'p 1', commentId: 'c1' },
  { id: 'p1', commentId: 'c1\n' },
  { id: 'p%201', commentId: 'c1' },
  { id: 'p1' },
  { id: 'p1', commentId: undefined },
  { id: 'p1', commentId: 7 },
  { id: 'p1', commentId: ['c1'] },
  { id: 'p1', commentId: 'c1', extra: 'dropped by zod' },
  { name: 'Ada' },
  { name: 'Ada', note: undefined },
  { name: 'Ada', note: 'ok' },
  { name: 'Ada', note: 'x' },
  { name: 'Adelaide' },
  { code: 'abc' },
  { code: 'abc' },
  { code: 'ABC' },
];

describe('plainAcceptance', () => {
  for (const schema of [twoIds, withOptional, globalPattern]) {
    const plain = plainAcceptance(schema);

    it(`reads ${Object.keys(schema.shape).join(' + ')}`, () => {
      expect(plain).toBeTypeOf('function');
    });

    it(`says yes to ${Object.keys(schema.shape).join(' + ')} only where zod accepts the fields unchanged`, () => {
      let accepted = 0;
      for (const input of inputs) {
        if (!plain?.(input)) continue;
        accepted++;
        expect(schema.safeParse(input), JSON.stringify(input)).toEqual({ success: true, data: input });
      }
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it('says yes to the plainly valid request, again and again', () => {
    const ids = plainAcceptance(twoIds);
    const codes = plainAcceptance(globalPattern);
    for (let round = 0; round < 3; round++) {
      expect(ids?.({ id: 'p1', commentId: 'c1' })).toBe(true);
      expect(codes?.({ code: 'abc' })).toBe(true);
    }
  });

  it('leaves to zod what would be refused, and fields zod would drop', () => {
    const ids = plainAcceptance(twoIds);
    for (const input of [
      { id: 'p1', commentId: 'a'.repeat(65) },
      { id: '', commentId: 'c1' },
      { id: 'p 1', commentId: 'c1' },
      { id: 'p1' },
      { id: 'p1', commentId: 7 },
      { id: 'p1', commentId: 'c1', extra: 'x' },
    ]) {
      expect(ids?.(input), JSON.stringify(input)).toBe(false);
    }
  });

  it('reads nothing of a schema with a default, a coercion, a number or a check of its own', () => {
    for (const schema of [
      listQuery,
      z.object({ n: z.number() }),
      z.object({ s: z.coerce.string() }),
      z.object({ s: z.string().check(z.refine((value) => value !== 'no')) }),
      z.object({ s: z.string().check(z.trim()) }),
      z.looseObject({ id: idParam }),
      idParam,
    ]) {
      expect(plainAcceptance(schema as z.ZodMiniType)).toBeUndefined();
    }
  });

  it('reads the optional headers the API declares', () => {
    const plain = plainAcceptance(idempotencyHeaders);
    expect(plain?.({ 'idempotency-key': undefined })).toBe(true);
  });
});
