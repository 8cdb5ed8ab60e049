import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface DynamoDbClientOptions {
  /** A local DynamoDB (dynalite); AWS's regional endpoint when absent. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** How long to wait and how often to try; fitted to DynamoDB, or to the embedded store at an endpoint. */
  timeouts?: StorageTimeouts;
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

/** Local endpoints accept any signature; a fixed key avoids a slow search of the default credential chain. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The SDK's low-level client with bounded waits: what table management (ensure-table) sends its commands
 * with, and what the document client wraps. `throwOnRequestTimeout` matters: without it the handler only
 * logs a warning when `requestTimeout` passes, and a storage that accepts connections but never answers
 * hangs every request.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBClient {
  const credentials = options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined);
  const timeouts = options.timeouts ?? (options.endpoint ? EMBEDDED_TIMEOUTS : DYNAMODB_TIMEOUTS);
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

/**
 * The SDK's document client over a bounded low-level one, for documentsOverSdk. Attributes left undefined
 * (optional fields of an item) are dropped rather than refused.
 */
export function createDocumentClient(options: DynamoDbClientOptions): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
