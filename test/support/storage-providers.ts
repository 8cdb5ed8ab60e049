import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbClient,
  createDynamoDbStorage,
  ensureTable,
} from '../../src/adapters/dynamodb/index.js';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import type { Storage } from '../../src/domain/storage.js';
import { startDynalite } from './dynalite.js';

/** A running storage provider; `fresh()` gives an empty storage, so tests never see each other's data. */
export interface OpenProvider {
  fresh(): Promise<Storage>;
  close(): Promise<void>;
}

export interface StorageProvider {
  name: 'memory' | 'dynamodb';
  open(): Promise<OpenProvider>;
}

export const memoryProvider: StorageProvider = {
  name: 'memory',
  open: async () => ({ fresh: async () => createMemoryStorage(), close: async () => {} }),
};

/** DynamoDB on dynalite: one server, a new table per `fresh()`. */
export const dynamoDbProvider: StorageProvider = {
  name: 'dynamodb',
  open: async () => {
    const { db, client, fresh } = await openDynamoDb();
    return {
      fresh: async () => (await fresh()).storage,
      close: async () => {
        client.destroy();
        await db.close();
      },
    };
  },
};

/** dynalite, a client and fresh tables, for the tests that also look at DynamoDB itself. */
export async function openDynamoDb() {
  const db = await startDynalite();
  const client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
  let tables = 0;
  const fresh = async (): Promise<{
    storage: Storage;
    client: DynamoDBDocumentClient;
    tableName: string;
  }> => {
    const tableName = `blogapp-test-${++tables}`;
    await ensureTable(client, tableName);
    return {
      storage: createDynamoDbStorage({ client, tableName, connectionsTableName: `${tableName}-connections` }),
      client,
      tableName,
    };
  };
  return { db, client, fresh };
}

export const storageProviders: StorageProvider[] = [memoryProvider, dynamoDbProvider];
