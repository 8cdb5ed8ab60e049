import { describe, expect, it } from 'vitest';
import { jsonMemo } from './json-memo.js';

const aView = (changes: Record<string, unknown> = {}) => ({
  id: 'p1',
  authorName: 'Ada',
  title: 'Hello',
  tags: ['a', 'b'],
  imageUrl: null,
  version: 1,
  commentCount: 0,
  favoritedByMe: false,
  ...changes,
});

describe('jsonMemo', () => {
  it('gives the text JSON.stringify gives, again and again', () => {
    const memo = jsonMemo(10_000);
    for (let round = 0; round < 3; round++) {
      expect(memo.record(aView())).toBe(JSON.stringify(aView()));
    }
  });

  it('serialises afresh whatever field of the record changed, in place or not', () => {
    const memo = jsonMemo(10_000);
    const changes: Record<string, unknown>[] = [
      { commentCount: 1 },
      { authorName: 'Ada L.' },
      { tags: ['a'] },
      { tags: ['a', 'b', 'c'] },
      { imageUrl: 'http://images/p1.png' },
      { title: undefined },
      { extra: 'field' },
      { version: '1' },
      { tags: [{ nested: true }] },
    ];
    for (const change of changes) {
      memo.record(aView());
      expect(memo.record(aView(change))).toBe(JSON.stringify(aView(change)));
    }
    const read = aView();
    memo.record(read);
    read.tags.push('c');
    expect(memo.record(read)).toBe(JSON.stringify(read));
  });

  it('never answers one viewer with the text of another viewer of the same post', () => {
    const memo = jsonMemo(10_000);
    for (const favoritedByMe of [true, false, false, true, false]) {
      const text = memo.record(aView({ favoritedByMe }));
      expect(JSON.parse(text).favoritedByMe).toBe(favoritedByMe);
    }
  });

  it('is not misled by a record changed after it was serialised', () => {
    const memo = jsonMemo(10_000);
    const first = aView();
    memo.record(first);
    first.tags[0] = 'changed';
    first.commentCount = 5;
    const now = aView({ tags: ['changed', 'b'], commentCount: 5 });
    expect(memo.record(now)).toBe(JSON.stringify(now));
  });

  it('follows the order of the fields, as JSON.stringify does', () => {
    const memo = jsonMemo(10_000);
    const { id, title, ...rest } = aView();
    const ordered = { id, title, ...rest };
    memo.record(ordered);
    const reordered = { id, ...rest, title };
    expect(memo.record(reordered)).toBe(JSON.stringify(reordered));
  });

  it('serialises records it cannot snapshot every time, and correctly', () => {
    const memo = jsonMemo(10_000);
    const nested = { id: 'p1', author: { name: 'Ada' } };
    expect(memo.record(nested)).toBe(JSON.stringify(nested));
    nested.author.name = 'Grace';
    expect(memo.record(nested)).toBe(JSON.stringify(nested));
  });

  it('keeps at most its limit of text, and stays right past it', () => {
    const memo = jsonMemo(2.5 * JSON.stringify(aView()).length);
    for (let round = 0; round < 2; round++) {
      for (const id of ['p1', 'p2', 'p3']) {
        expect(memo.record(aView({ id, commentCount: round }))).toBe(
          JSON.stringify(aView({ id, commentCount: round })),
        );
      }
    }
  });

  it('serialises a record longer than its whole limit every time', () => {
    const memo = jsonMemo(5);
    for (let round = 0; round < 2; round++) expect(memo.record(aView())).toBe(JSON.stringify(aView()));
  });

  it('writes a page as JSON.stringify does, its items through the memo', () => {
    const memo = jsonMemo(10_000);
    const pages = [
      { items: [aView(), aView({ id: 'p2' })], nextCursor: null },
      { items: [aView({ id: 'p2' }), aView()], nextCursor: 'abc"d' },
      { items: [], nextCursor: null },
      { items: [aView()], nextCursor: undefined, note: 'x' },
      { nextCursor: 'c', items: [aView({ favoritedByMe: true })] },
    ];
    for (const page of [...pages, ...pages]) expect(memo.page(page)).toBe(JSON.stringify(page));
  });
});
