import { LOCAL_CREDENTIALS } from '../aws/credentials.js';
/**
 * How any DynamoDB client of this provider is set up (the SDK's, or a thin one): plain values, no client
 * library, so an implementation that does not use the SDK can read them without loading it.
 */
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

/** The timeouts given, else those fitted to where the client points. */
export function timeoutsOf(options: DynamoDbClientOptions): StorageTimeouts {
  return options.timeouts ?? (options.endpoint ? EMBEDDED_TIMEOUTS : DYNAMODB_TIMEOUTS);
}

/** The credentials given, else a fixed local key at a local endpoint; undefined means the default chain. */
export function credentialsOf(options: DynamoDbClientOptions): DynamoDbClientOptions['credentials'] {
  return options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined);
}
