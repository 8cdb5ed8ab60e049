import type { DocumentOperation } from './documents.js';

/** DynamoDB's name for the operation each port method is: its `x-amz-target`, and what traces call it. */
export const LOW_LEVEL_OPERATIONS: Readonly<Record<DocumentOperation, string>> = {
  get: 'GetItem',
  put: 'PutItem',
  update: 'UpdateItem',
  delete: 'DeleteItem',
  query: 'Query',
  batchGet: 'BatchGetItem',
  batchWrite: 'BatchWriteItem',
  transactWrite: 'TransactWriteItems',
  transactGet: 'TransactGetItems',
};
