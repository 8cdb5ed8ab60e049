export {
  DynamoDbConnectionStore,
  type DynamoDbConnectionStoreOptions,
} from './connection.dynamodb-store.js';
export { connectionsTableDefinition } from './connections-table-design.js';
export { createDynamoDbClient, type DynamoDbClientOptions, type DynamoDbTable } from './dynamodb-client.js';
export { createDynamoDbStorage, type DynamoDbStorageOptions } from './dynamodb-storage.js';
export { type EnsureTableOptions, ensureTable } from './ensure-table.js';
export { isUnavailable, translateError } from './errors.js';
export { GSI1, GSI2, TTL_ATTRIBUTE, tableDefinition } from './table-design.js';
