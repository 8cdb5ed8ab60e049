import type { DynamoDbDocuments } from './documents.js';

/** What every repository of this provider is built from: the calls it makes, and the table it makes them on. */
export interface DynamoDbTable {
  documents: DynamoDbDocuments;
  tableName: string;
}
