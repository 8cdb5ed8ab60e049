import type { Tracer } from '@aws-lambda-powertools/tracer';
import {
  connectionsTableDefinition,
  createDynamoDbClient,
  createDynamoDbStorage,
  ensureTable,
} from '../adapters/dynamodb/index.js';
import type { Config } from '../config/config.js';
import type { Storage } from '../domain/storage.js';
import { traced } from '../observability/tracing.js';

/**
 * The storage provider the config names. Against a local endpoint (dynalite) the tables are created when
 * missing; in AWS the stack owns them, so cold starts spend no call on it.
 */
export async function createStorage(repository: Config['repository'], tracer?: Tracer): Promise<Storage> {
  if (repository.provider === 'memory') {
    // Imported only here, so a deployed function (always DynamoDB) never parses the in-memory adapters.
    const { createMemoryStorage } = await import('../adapters/memory/memory-storage.js');
    return createMemoryStorage();
  }
  const client = traced(tracer, createDynamoDbClient(repository));
  const { tableName, connectionsTableName } = repository;
  if (repository.endpoint) {
    await ensureTable(client, tableName);
    await ensureTable(client, connectionsTableName, { definition: connectionsTableDefinition });
  }
  return createDynamoDbStorage({ client, tableName, connectionsTableName });
}
