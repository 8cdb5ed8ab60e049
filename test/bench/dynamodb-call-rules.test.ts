import { describe, expect, it } from 'vitest';
import { RULE } from '../../bench/measures/dynamodb-call-rules.js';
import type { SentCommand } from '../support/count-commands.js';

const query: SentCommand = { name: 'QueryCommand', input: { TableName: 't' } };
const batchGet = (...sks: string[]): SentCommand => ({
  name: 'BatchGetItemCommand',
  input: { RequestItems: { t: { Keys: sks.map((sk, i) => ({ pk: `POST#${i}`, sk })) } } },
});

// The bench's verdicts, checked on commands as the recorder sees them: a wrong rule would report a met target.
describe('DynamoDB call rules of the bench', () => {
  it('lets a read add one BatchGet only when every key is the viewer’s own item', () => {
    expect(RULE.read.holds([query, batchGet('FAV#bob', 'FAV#bob')], 'bob')).toBe(true);
    expect(RULE.read.holds([query, batchGet('FAV#bob', 'FAV#alice')], 'bob')).toBe(false);
    expect(RULE.read.holds([query, batchGet('#POST', '#POST')], 'bob')).toBe(false);
    expect(RULE.read.holds([query, batchGet('FAV#bob')], undefined)).toBe(false);
    expect(RULE.read.holds([query, batchGet()], 'bob')).toBe(false);
  });

  it('lets a page of the viewer’s own list add one BatchGet of exactly the posts its Query named', () => {
    const favoritesOf = (user: string, ...postIds: string[]): SentCommand => ({
      name: 'QueryCommand',
      input: { TableName: 't', ExpressionAttributeValues: { ':partition': `FAVS#${user}` } },
      output: { Items: postIds.map((postId) => ({ postId })) },
    });
    const posts = (...postIds: string[]): SentCommand => ({
      name: 'BatchGetItemCommand',
      input: { RequestItems: { t: { Keys: postIds.map((id) => ({ pk: `POST#${id}`, sk: '#POST' })) } } },
    });
    const ownList = RULE['own-list'];
    expect(ownList.holds([favoritesOf('bob', 'p1', 'p2', 'p3'), posts('p1', 'p2')], 'bob')).toBe(true);
    expect(ownList.holds([favoritesOf('bob')], 'bob')).toBe(true);
    // Someone else's list, a post the Query did not name, a post twice, a third call: each is over.
    expect(ownList.holds([favoritesOf('alice', 'p1'), posts('p1')], 'bob')).toBe(false);
    expect(ownList.holds([favoritesOf('bob', 'p1'), posts('p1', 'p9')], 'bob')).toBe(false);
    expect(ownList.holds([favoritesOf('bob', 'p1'), posts('p1', 'p1')], 'bob')).toBe(false);
    expect(ownList.holds([favoritesOf('bob', 'p1'), posts('p1'), posts('p1')], 'bob')).toBe(false);
    expect(ownList.holds([favoritesOf('bob', 'p1'), batchGet('FAV#bob')], 'bob')).toBe(false);
    expect(ownList.holds([query, posts('p1')], 'bob')).toBe(false);
    expect(ownList.holds([favoritesOf('bob', 'p1'), posts('p1')], undefined)).toBe(false);
  });

  it('holds any other read to one command, and writes to two', () => {
    expect(RULE.read.holds([], undefined)).toBe(true);
    expect(RULE.read.holds([query], undefined)).toBe(true);
    expect(RULE.read.holds([query, query], 'bob')).toBe(false);
    expect(RULE.read.holds([query, batchGet('FAV#bob'), batchGet('FAV#bob')], 'bob')).toBe(false);
    expect(RULE.write.holds([query, query], undefined)).toBe(true);
    expect(RULE.write.holds([query, query, query], undefined)).toBe(false);
    expect(RULE.none.holds([query], undefined)).toBe(false);
  });
});
