import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Comment } from '../../domain/comments/comment.js';
import type { CommentEvent } from '../../domain/realtime/realtime-messages.js';
import { commentItem, toComment } from './item-mappers.js';
import { COMMENT_PREFIX, commentKey } from './table-design.js';

type Image = Record<string, AttributeValue>;

/**
 * Reads the main table's stream: comment INSERTs and REMOVEs become comment events; every other item
 * (posts, favorites, claims) and every MODIFY is not ours to push. REMOVE carries only the old image and
 * keys, so a deletion is recognised from the keys alone.
 */
/** The id of the HTTP request that wrote the record's comment, when it was stamped (see commentItem). */
export function correlationIdOf(record: DynamoDBRecord): string | undefined {
  const image = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage) as Image | undefined;
  return image?.correlationId?.S;
}

/**
 * A stream record that can never be read, however often it is retried (a number JavaScript cannot hold, a
 * comment missing its fields): the broadcaster parks it instead of blocking its shard with retries.
 */
export class UndecodableRecordError extends Error {
  override readonly name = 'UndecodableRecordError';
}

export function commentEventOf(record: DynamoDBRecord): CommentEvent | null {
  const keys = record.dynamodb?.Keys as Image | undefined;
  const pk = keys?.pk?.S;
  const sk = keys?.sk?.S;
  if (!pk?.startsWith('POST#') || !sk?.startsWith(COMMENT_PREFIX)) return null;
  if (record.eventName === 'INSERT' && record.dynamodb?.NewImage) {
    return { type: 'comment.created', comment: decodeComment(record.dynamodb.NewImage as Image) };
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

const COMMENT_FIELDS = ['id', 'postId', 'authorId', 'authorName', 'body', 'createdAt'] as const;

/**
 * A comment from its stream image. Numbers stay wrapped: DynamoDB numbers can hold 38 digits, which
 * unmarshall would otherwise refuse to turn into a JavaScript number, and no comment field is a number.
 */
function decodeComment(image: Image): Comment {
  let item: Record<string, unknown>;
  try {
    item = unmarshall(image, { wrapNumbers: true });
  } catch (error) {
    throw new UndecodableRecordError('the comment image cannot be unmarshalled', { cause: error });
  }
  const missing = COMMENT_FIELDS.filter((field) => typeof item[field] !== 'string');
  if (missing.length > 0) {
    throw new UndecodableRecordError(`the comment image has no string ${missing.join(', ')}`);
  }
  return toComment(item);
}

let sequence = 0;

/**
 * The stream record DynamoDB would write for a comment change (view type NEW_AND_OLD_IMAGES), for the
 * local stack's emulated stream, so the broadcaster sees locally exactly the shape it sees in AWS.
 */
export function commentStreamRecord(
  eventName: 'INSERT' | 'REMOVE',
  comment: Comment | { postId: string; id: string },
  tableArn = 'arn:aws:dynamodb:local:000000000000:table/blogapp-local/stream/local',
): DynamoDBRecord {
  const keys = marshall(commentKey(comment.postId, comment.id));
  const image = 'body' in comment ? marshall(commentItem(comment), { removeUndefinedValues: true }) : keys;
  sequence += 1;
  return {
    eventID: `local-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    eventSourceARN: tableArn,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: keys as never,
      ...(eventName === 'INSERT' ? { NewImage: image as never } : { OldImage: image as never }),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}
