import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CircuitBreaker, type CircuitBreakerOptions, DEFAULT_BREAKER } from '../aws/circuit-breaker.js';

export interface DynamoDbClientOptions {
  /** A local DynamoDB (dynalite); AWS's regional endpoint when absent. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** How long to wait and how often to try; fitted to DynamoDB, or to the embedded store at an endpoint. */
  timeouts?: StorageTimeouts;
  /** When to stop waiting on a store that does not answer. */
  breaker?: CircuitBreakerOptions;
}

export interface StorageTimeouts {
  connectionMs: number;
  requestMs: number;
  maxAttempts: number;
}

/**
 * DynamoDB answers in milliseconds: three attempts of at most 3 s cover a throttle or a dropped
 * connection, and an outage becomes a 503 within seconds (API Gateway gives up after 29 s).
 */
export const DYNAMODB_TIMEOUTS: StorageTimeouts = { connectionMs: 1_000, requestMs: 3_000, maxAttempts: 3 };

/**
 * dynalite runs in the API's own process on a developer's laptop, where a build or a test run can stall it
 * for seconds: a request is given longer, and not re-sent as often, so slowness is not turned into 503s.
 * A store that does not answer at all still becomes a 503 within ~12 s, and the breaker then answers at once.
 */
export const EMBEDDED_TIMEOUTS: StorageTimeouts = { connectionMs: 2_000, requestMs: 6_000, maxAttempts: 2 };

/** What every repository of this provider is built from. */
export interface DynamoDbTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Local endpoints accept any signature; a fixed key avoids a slow search of the default credential chain. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A document client with bounded waits, behind a circuit breaker: a storage outage becomes a 503 within
 * the timeouts, and once storage has stopped answering, at once. `throwOnRequestTimeout` matters: without
 * it the handler only logs a warning when `requestTimeout` passes, and a storage that accepts connections
 * but never answers hangs every request.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBDocumentClient {
  const credentials = options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined);
  const timeouts = options.timeouts ?? (options.endpoint ? EMBEDDED_TIMEOUTS : DYNAMODB_TIMEOUTS);
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
