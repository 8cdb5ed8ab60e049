import {
  createDynamoDbClient,
  createDynamoDbStorage,
  type DynamoDbDocuments,
  ensureTable,
} from '../../src/adapters/dynamodb/index.js';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import { createDocuments } from '../../src/composition/create-documents.js';
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
    const { db, destroy, fresh } = await openDynamoDb();
    return {
      fresh: async () => (await fresh()).storage,
      close: async () => {
        destroy();
        await db.close();
      },
    };
  },
};

/**
 * dynalite, the documents the app calls it through (built as the composition builds them) and fresh tables,
 * for the tests that also look at DynamoDB itself.
 */
export async function openDynamoDb() {
  const db = await startDynalite();
  const options = { endpoint: db.endpoint, region: 'us-east-1' };
  const { documents, destroy } = createDocuments(options);
  const tables = createDynamoDbClient(options);
  let made = 0;
  const fresh = async (): Promise<{
    storage: Storage;
    documents: DynamoDbDocuments;
    tableName: string;
  }> => {
    const tableName = `blogapp-test-${++made}`;
    await ensureTable(tables, tableName);
    return {
      storage: createDynamoDbStorage({
        documents,
        tableName,
        connectionsTableName: `${tableName}-connections`,
      }),
      documents,
      tableName,
    };
  };
  return {
    db,
    documents,
    fresh,
    destroy: () => {
      destroy();
      tables.destroy();
    },
  };
}

export const storageProviders: StorageProvider[] = [memoryProvider, dynamoDbProvider];
