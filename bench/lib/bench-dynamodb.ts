import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  connectionsTableDefinition,
  createDynamoDbClient,
  createDynamoDbStorage,
  ensureTable,
} from '../../src/adapters/dynamodb/index.js';
import type { Storage } from '../../src/domain/storage.js';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import type { StreamRecorder } from '../../src/local/stream/stream-recorder.js';

export interface BenchDynamoDb {
  endpoint: string;
  tableName: string;
  connectionsTableName: string;
  client: DynamoDBDocumentClient;
  storage: Storage;
  /** The tables' streams, as the local stack's event source mapping reads them. */
  streams: StreamRecorder;
  close(): Promise<void>;
}

/** The local stack's embedded DynamoDB (dynalite) in memory, with the app's two tables. */
export async function startBenchDynamoDb(): Promise<BenchDynamoDb> {
  const db = await startEmbeddedDynamoDb();
  const tableName = 'blogapp-bench';
  const connectionsTableName = 'blogapp-bench-connections';
  const client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
  await ensureTable(client, tableName);
  await ensureTable(client, connectionsTableName, { definition: connectionsTableDefinition });
  return {
    endpoint: db.endpoint,
    tableName,
    connectionsTableName,
    client,
    storage: createDynamoDbStorage({ client, tableName, connectionsTableName }),
    streams: db.streams,
    close: async () => {
      client.destroy();
      await db.close();
    },
  };
}
