import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDbDocuments } from './documents.js';

/**
 * The documents port over the AWS SDK's document client: each call is the matching lib-dynamodb command,
 * sent with the client's own timeouts, retries and middleware (X-Ray's, when the composition traced it).
 */
export function documentsOverSdk(client: DynamoDBDocumentClient): DynamoDbDocuments {
  return {
    get: (input, options) => client.send(new GetCommand(input), options),
    put: (input, options) => client.send(new PutCommand(input), options),
    update: (input, options) => client.send(new UpdateCommand(input), options),
    delete: (input, options) => client.send(new DeleteCommand(input), options),
    query: (input, options) => client.send(new QueryCommand(input), options),
    batchGet: (input, options) => client.send(new BatchGetCommand(input), options),
    batchWrite: (input, options) => client.send(new BatchWriteCommand(input), options),
    transactWrite: async (input, options) => {
      await client.send(new TransactWriteCommand(input), options);
    },
    transactGet: (input, options) => client.send(new TransactGetCommand(input), options),
  };
}
