import { describe, expect, it } from 'vitest';
import { commentItem, postItem, profileItem } from '../../src/adapters/dynamodb/item-mappers.js';
import { storageChangeOf, UndecodableRecordError } from '../../src/adapters/dynamodb/stream-changes.js';
import { dynamoStreamRecord } from '../support/aws-events.js';
import { aComment, aPost } from '../support/storage-fixtures.js';

describe('changes read from the main table’s stream records', () => {
  it('reads a comment INSERT and REMOVE, a post REMOVE and a profile MODIFY that renames', () => {
    const post = aPost({ imageKey: 'images/alice/a.png' });
    const comment = aComment(post.id);
    const profile = { id: 'alice', displayName: 'Alicia', createdAt: '2026-01-01T00:00:00.000Z' };

    expect(storageChangeOf(dynamoStreamRecord('INSERT', commentItem(comment)))).toEqual({
      type: 'comment.created',
      comment,
    });
    expect(storageChangeOf(dynamoStreamRecord('REMOVE', commentItem(comment)))).toEqual({
      type: 'comment.deleted',
      postId: post.id,
      commentId: comment.id,
    });
    expect(storageChangeOf(dynamoStreamRecord('REMOVE', postItem(post)))).toEqual({
      type: 'post.deleted',
      post,
    });
    expect(
      storageChangeOf(
        dynamoStreamRecord('MODIFY', profileItem(profile), { ...profileItem(profile), displayName: 'Alice' }),
      ),
    ).toEqual({ type: 'profile.renamed', userId: 'alice', displayName: 'Alicia' });
  });

  it('ignores post inserts and edits, profile writes that keep the name, and AWS’s own sample records', () => {
    const post = aPost();
    const profile = profileItem({ id: 'alice', displayName: 'Alice', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(storageChangeOf(dynamoStreamRecord('INSERT', postItem(post)))).toBeNull();
    expect(storageChangeOf(dynamoStreamRecord('MODIFY', postItem(post), postItem(post)))).toBeNull();
    expect(storageChangeOf(dynamoStreamRecord('MODIFY', profile, profile))).toBeNull();
    expect(storageChangeOf(dynamoStreamRecord('INSERT', { pk: 'IDEMP#x#y', sk: 'IDEMP' }))).toBeNull();
  });

  it('refuses a deleted post image missing its fields as undecodable, so it is parked, not retried', () => {
    expect(() => storageChangeOf(dynamoStreamRecord('REMOVE', { pk: 'POST#p', sk: '#POST' }))).toThrow(
      UndecodableRecordError,
    );
  });
});
