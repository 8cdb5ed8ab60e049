import { UnavailableError } from '../../domain/shared/errors.js';
import type { Storage } from '../../domain/storage.js';
import { DynamoDbCommentRepository } from './comment.dynamodb-repository.js';
import { DynamoDbConnectionStore } from './connection.dynamodb-store.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { DynamoDbFavoriteRepository } from './favorite.dynamodb-repository.js';
import { DynamoDbPostRepository } from './post.dynamodb-repository.js';
import { DynamoDbProfileRepository } from './profile.dynamodb-repository.js';
import { PING_KEY } from './table-design.js';

export interface DynamoDbStorageOptions extends DynamoDbTable {
  /** WebSocket connections live apart: their TTL churn and stream never touch the content table. */
  connectionsTableName: string;
}

/** The `dynamodb` provider: every repository over the content table, connections over their own. */
export function createDynamoDbStorage({ connectionsTableName, ...table }: DynamoDbStorageOptions): Storage {
  return {
    posts: new DynamoDbPostRepository(table),
    comments: new DynamoDbCommentRepository(table),
    favorites: new DynamoDbFavoriteRepository(table),
    profiles: new DynamoDbProfileRepository(table),
    connections: new DynamoDbConnectionStore({ documents: table.documents, tableName: connectionsTableName }),
    ping: () => ping(table),
  };
}

/** A health check answers within this, even when DynamoDB accepts connections but never replies. */
const PING_BUDGET_MS = 2_000;

/** The cheapest call that proves the table answers: a GetItem of a key that never holds anything. */
async function ping({ documents, tableName }: DynamoDbTable): Promise<void> {
  try {
    await documents.get(
      { TableName: tableName, Key: PING_KEY },
      {
        abortSignal: AbortSignal.timeout(PING_BUDGET_MS),
      },
    );
  } catch (error) {
    // Unlike a request path, health reports any failure (a missing table, bad credentials) as "unavailable".
    throw error instanceof UnavailableError
      ? error
      : new UnavailableError('Storage did not answer the health check.', { cause: error });
  }
}
