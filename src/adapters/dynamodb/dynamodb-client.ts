import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CircuitBreaker, DEFAULT_BREAKER } from '../aws/circuit-breaker.js';
import { type DynamoDbClientOptions, LOCAL_CREDENTIALS, timeoutsOf } from './client-options.js';

export {
  DYNAMODB_TIMEOUTS,
  type DynamoDbClientOptions,
  EMBEDDED_TIMEOUTS,
  type StorageTimeouts,
} from './client-options.js';

/** What every repository of this provider is built from. */
export interface DynamoDbTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * A document client with bounded waits, behind a circuit breaker: a storage outage becomes a 503 within
 * the timeouts, and once storage has stopped answering, at once. `throwOnRequestTimeout` matters: without
 * it the handler only logs a warning when `requestTimeout` passes, and a storage that accepts connections
 * but never answers hangs every request.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBDocumentClient {
  const credentials = options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined);
  const timeouts = timeoutsOf(options);
  const client = new DynamoDBClient({
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
  const breaker = new CircuitBreaker(options.breaker ?? DEFAULT_BREAKER);
  // At the first step, so the breaker sees each call's outcome after all of its retries.
  client.middlewareStack.add((next) => (args) => breaker.run(() => next(args)), {
    step: 'initialize',
    name: 'circuitBreaker',
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
