import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { credentialsOf, type DynamoDbClientOptions, timeoutsOf } from './client-options.js';

/**
 * The SDK's low-level client with bounded waits: what table management (ensure-table) sends its commands
 * with (the local stack and tests; the functions call DynamoDB through documents-over-http.ts). `throwOnRequestTimeout` matters: without it the handler only
 * logs a warning when `requestTimeout` passes, and a storage that accepts connections but never answers
 * hangs every request.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBClient {
  const credentials = credentialsOf(options);
  const timeouts = timeoutsOf(options);
  return new DynamoDBClient({
    region: options.region,
    maxAttempts: timeouts.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}
