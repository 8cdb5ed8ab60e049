import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keySegment } from '../../domain/shared/key-segment.js';

/**
 * One table holds everything (single-table design), so every read route is one Query or GetItem:
 *
 * | item        | pk                     | sk                 | gsi1pk / gsi1sk | gsi2pk / gsi2sk                 |
 * |-------------|------------------------|--------------------|-----------------|---------------------------------|
 * | post        | POST#<id>              | #POST              | POSTS / <id>    | AUTHOR#<authorId> / <id>        |
 * | comment     | POST#<postId>          | COMMENT#<id>       |                 | COMMENTER#<authorId> / <id>     |
 * | favorite    | POST#<postId>          | FAV#<userId>       |                 | FAVS#<userId> / <at>#<postId>   |
 * | profile     | USER#<id>              | PROFILE            |                 |                                 |
 * | claim       | IDEMP#<user>#<key>     | IDEMP              |                 |                                 |
 *
 * `#POST` sorts before `COMMENT#`, and `FAV#` after it, so one Query over a post's partition returns the
 * post and its oldest comments without its favorites. Ids are ULIDs, so sorting by id is sorting by time.
 * The claim's user id is URI-encoded: a user id containing `#` could otherwise collide with another
 * user's key.
 */
export const GSI1 = 'gsi1';
export const GSI2 = 'gsi2';

/** Epoch seconds after which DynamoDB may delete an item; idempotency claims and WebSocket connections use it. */
export const TTL_ATTRIBUTE = 'ttl';

export const POST_SK = '#POST';
export const COMMENT_PREFIX = 'COMMENT#';
/** Upper bound of comment sort keys: ULIDs are [0-9A-Z], all below U+FFFF. */
export const COMMENT_SK_END = `${COMMENT_PREFIX}\uffff`;
export const POSTS_FEED = 'POSTS';

export type ItemKey = { pk: string; sk: string };

export const postPk = (postId: string) => `POST#${postId}`;
export const postKey = (postId: string): ItemKey => ({ pk: postPk(postId), sk: POST_SK });
export const commentKey = (postId: string, commentId: string): ItemKey => ({
  pk: postPk(postId),
  sk: `${COMMENT_PREFIX}${commentId}`,
});
export const favoriteKey = (postId: string, userId: string): ItemKey => ({
  pk: postPk(postId),
  sk: `FAV#${userId}`,
});
export const authorPartition = (authorId: string) => `AUTHOR#${authorId}`;
/** A user's comments, for the rename sweep: kept apart from AUTHOR#, so the posts-by-author Query reads only posts. */
export const commenterPartition = (authorId: string) => `COMMENTER#${authorId}`;
export const favoritesPartition = (userId: string) => `FAVS#${userId}`;
export const profileKey = (userId: string): ItemKey => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
export const claimKey = (userId: string, key: string): ItemKey => ({
  pk: `IDEMP#${keySegment(userId)}#${key}`,
  sk: 'IDEMP',
});
/** `ping()` reads this key; nothing is ever stored there. */
export const PING_KEY: ItemKey = { pk: 'PING', sk: 'PING' };

/** The table, as the local stack and tests create it; the SAM template declares the same. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [...TABLE_KEY_SCHEMA],
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map(stringAttribute),
    GlobalSecondaryIndexes: [
      stringIndex(GSI1, { ProjectionType: 'ALL' }),
      stringIndex(GSI2, { ProjectionType: 'ALL' }),
    ],
    // Comment pushes, post sweeps and renames read it (the SAM template's StreamSpecification).
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

type TableDefinition = CreateTableCommandInput;
type IndexDefinition = NonNullable<TableDefinition['GlobalSecondaryIndexes']>[number];

/** Every table of this provider is keyed by the strings `pk` and `sk`. */
export const TABLE_KEY_SCHEMA: NonNullable<TableDefinition['KeySchema']> = [
  { AttributeName: 'pk', KeyType: 'HASH' },
  { AttributeName: 'sk', KeyType: 'RANGE' },
];

export const stringAttribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });

/** A global index named `name`, keyed by the strings `<name>pk` and `<name>sk`. */
export function stringIndex(name: string, projection: IndexDefinition['Projection']): IndexDefinition {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: `${name}pk`, KeyType: 'HASH' },
      { AttributeName: `${name}sk`, KeyType: 'RANGE' },
    ],
    Projection: projection,
  };
}
