export { createDynamoDbClient, type DynamoDbClientOptions, type DynamoDbTable } from './dynamodb-client.js';
export { createDynamoDbStorage } from './dynamodb-storage.js';
export { ensureTable } from './ensure-table.js';
export { isUnavailable, translateError } from './errors.js';
export { GSI1, GSI2, TTL_ATTRIBUTE, tableDefinition } from './table-design.js';
