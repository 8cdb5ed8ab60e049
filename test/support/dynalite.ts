import { createDynamoDbClient, ensureTable } from '../../src/adapters/dynamodb/index.js';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';

export interface TestDynamoDb {
  endpoint: string;
  tableName: string;
  close(): Promise<void>;
}

/** The local stack's embedded DynamoDB, in memory on a free loopback port, holding the app's table. */
export async function startDynalite(tableName = 'blogapp-test'): Promise<TestDynamoDb> {
  const db = await startEmbeddedDynamoDb();
  const client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
  await ensureTable(client, tableName);
  client.destroy();
  return { endpoint: db.endpoint, tableName, close: db.close };
}
