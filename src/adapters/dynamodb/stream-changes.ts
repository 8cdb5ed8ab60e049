import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StorageChange } from '../../domain/changes/storage-change.js';
import { toComment, toPost } from './item-mappers.js';
import { COMMENT_PREFIX, POST_SK } from './table-design.js';

type Image = Record<string, AttributeValue>;

/** The id of the HTTP request that wrote the record's item, when it was stamped (see commentItem). */
export function correlationIdOf(record: DynamoDBRecord): string | undefined {
  const image = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage) as Image | undefined;
  return image?.correlationId?.S;
}

/**
 * A stream record that can never be read, however often it is retried (a number JavaScript cannot hold, a
 * comment missing its fields): the stream handler parks it instead of blocking its shard with retries.
 */
export class UndecodableRecordError extends Error {
  override readonly name = 'UndecodableRecordError';
}

/**
 * Reads the main table's stream: comment INSERTs and REMOVEs, post REMOVEs and profile MODIFYs that change
 * the display name become changes; every other item (favorites, claims) and record is not ours. A comment
 * REMOVE is recognised from its keys alone, so it needs no image.
 */
export function storageChangeOf(record: DynamoDBRecord): StorageChange | null {
  const keys = record.dynamodb?.Keys as Image | undefined;
  const pk = keys?.pk?.S;
  const sk = keys?.sk?.S;
  if (!pk || !sk) return null;
  const { NewImage: after, OldImage: before } = (record.dynamodb ?? {}) as {
    NewImage?: Image;
    OldImage?: Image;
  };
  if (pk.startsWith('POST#') && sk.startsWith(COMMENT_PREFIX)) {
    if (record.eventName === 'INSERT' && after) {
      return { type: 'comment.created', comment: decode(after, COMMENT_FIELDS, toComment) };
    }
    if (record.eventName === 'REMOVE') {
      return {
        type: 'comment.deleted',
        postId: pk.slice('POST#'.length),
        commentId: sk.slice(COMMENT_PREFIX.length),
      };
    }
    return null;
  }
  if (pk.startsWith('POST#') && sk === POST_SK && record.eventName === 'REMOVE' && before) {
    return { type: 'post.deleted', post: decode(before, POST_FIELDS, toPost) };
  }
  if (pk.startsWith('USER#') && sk === 'PROFILE' && record.eventName === 'MODIFY' && after) {
    const name = after.displayName?.S;
    if (name === undefined) throw new UndecodableRecordError('the profile image has no string displayName');
    if (before?.displayName?.S === name) return null;
    return { type: 'profile.renamed', userId: pk.slice('USER#'.length), displayName: name };
  }
  return null;
}

const COMMENT_FIELDS = ['id', 'postId', 'authorId', 'authorName', 'body', 'createdAt'];
const POST_FIELDS = ['id', 'authorId', 'authorName', 'title', 'createdAt'];

/**
 * An item from its stream image. Numbers stay wrapped: DynamoDB numbers can hold 38 digits, which
 * unmarshall would otherwise refuse to turn into a JavaScript number.
 */
function decode<T>(image: Image, fields: string[], map: (item: Record<string, unknown>) => T): T {
  let item: Record<string, unknown>;
  try {
    item = unmarshall(image, { wrapNumbers: true });
  } catch (error) {
    throw new UndecodableRecordError('the item image cannot be unmarshalled', { cause: error });
  }
  const missing = fields.filter((field) => typeof item[field] !== 'string');
  if (missing.length > 0) {
    throw new UndecodableRecordError(`the item image has no string ${missing.join(', ')}`);
  }
  return map(item);
}
