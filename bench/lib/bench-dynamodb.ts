import {
  connectionsTableDefinition,
  createDynamoDbClient,
  createDynamoDbStorage,
  type DynamoDbDocuments,
  ensureTable,
} from '../../src/adapters/dynamodb/index.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import type { Storage } from '../../src/domain/storage.js';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import type { StreamRecorder } from '../../src/local/stream/stream-recorder.js';
import { commandRecorder, type SentCommand } from '../../test/support/count-commands.js';

export interface BenchDynamoDb {
  endpoint: string;
  tableName: string;
  connectionsTableName: string;
  /** The tables, read directly (not counted). */
  documents: DynamoDbDocuments;
  storage: Storage;
  /** Starts recording the storage's commands, once per call however often it is retried, into the list returned. */
  recordCommands(): SentCommand[];
  /** The tables' streams, as the local stack's event source mapping reads them. */
  streams: StreamRecorder;
  close(): Promise<void>;
}

/** The local stack's embedded DynamoDB (dynalite) in memory, with the app's two tables. */
export async function startBenchDynamoDb(): Promise<BenchDynamoDb> {
  const db = await startEmbeddedDynamoDb();
  const tableName = 'blogapp-bench';
  const connectionsTableName = 'blogapp-bench-connections';
  const options = { endpoint: db.endpoint, region: 'us-east-1' };
  const tables = createDynamoDbClient(options);
  await ensureTable(tables, tableName);
  await ensureTable(tables, connectionsTableName, { definition: connectionsTableDefinition });
  tables.destroy();
  const open = createDocuments(options);
  const recorder = commandRecorder(open.documents);
  return {
    endpoint: db.endpoint,
    tableName,
    connectionsTableName,
    documents: open.documents,
    storage: createDynamoDbStorage({ documents: recorder.documents, tableName, connectionsTableName }),
    recordCommands: recorder.record,
    streams: db.streams,
    close: async () => {
      open.destroy();
      await db.close();
    },
  };
}
