import type { DynamoDbClientOptions } from '../adapters/dynamodb/client-options.js';
import { connectionsTableDefinition } from '../adapters/dynamodb/connections-table-design.js';
import { createDynamoDbStorage } from '../adapters/dynamodb/dynamodb-storage.js';
import type { Config } from '../config/config.js';
import type { Storage } from '../domain/storage.js';
import type { Tracer } from '../observability/tracing.js';
import { createDocuments } from './create-documents.js';

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
  const { tableName, connectionsTableName } = repository;
  if (repository.endpoint) await ensureTables(repository, [tableName, connectionsTableName]);
  const { documents } = createDocuments(repository, tracer);
  return createDynamoDbStorage({ documents, tableName, connectionsTableName });
}

/**
 * Creates the main and connections tables when missing, with a table-management client of their own that
 * is let go once they are ACTIVE. Both are imported only here, so a function in AWS never loads table
 * management, nor the SDK's low-level client when the documents are not the SDK's.
 */
async function ensureTables(options: DynamoDbClientOptions, [main, connections]: [string, string]) {
  const [{ ensureTable }, { createDynamoDbClient }] = await Promise.all([
    import('../adapters/dynamodb/ensure-table.js'),
    import('../adapters/dynamodb/dynamodb-client.js'),
  ]);
  const client = createDynamoDbClient(options);
  try {
    await ensureTable(client, main);
    await ensureTable(client, connections, { definition: connectionsTableDefinition });
  } finally {
    client.destroy();
  }
}
