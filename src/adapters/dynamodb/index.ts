export {
  DYNAMODB_TIMEOUTS,
  type DynamoDbClientOptions,
  EMBEDDED_TIMEOUTS,
  type StorageTimeouts,
} from './client-options.js';
export {
  DynamoDbConnectionStore,
  type DynamoDbConnectionStoreOptions,
} from './connection.dynamodb-store.js';
export { connectionsTableDefinition } from './connections-table-design.js';
export type { CallOptions, CallWatcher, DocumentOperation, DynamoDbDocuments } from './documents.js';
export { createHttpDocuments, type HttpDocumentsOptions } from './documents-over-http.js';
export { createDynamoDbClient } from './dynamodb-client.js';
export { createDynamoDbStorage, type DynamoDbStorageOptions } from './dynamodb-storage.js';
export type { DynamoDbTable } from './dynamodb-table.js';
export { type EnsureTableOptions, ensureTable } from './ensure-table.js';
export { isUnavailable, translateError } from './errors.js';
export { guardedDocuments } from './guarded-documents.js';
export { GSI1, GSI2, TTL_ATTRIBUTE, tableDefinition } from './table-design.js';
export { watchedDocuments } from './watched-documents.js';
