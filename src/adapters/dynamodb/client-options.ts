import type { CircuitBreakerOptions } from '../aws/circuit-breaker.js';

/**
 * What a DynamoDB client is built from, whichever client it is (the SDK's in dynamodb-client.ts, the thin one
 * in documents-over-http.ts): in a file of its own, so the thin client reads these without loading the SDK.
 */
export interface DynamoDbClientOptions {
  /** A local DynamoDB (dynalite); AWS's regional endpoint when absent. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** How long to wait and how often to try; fitted to DynamoDB, or to the embedded store at an endpoint. */
  timeouts?: StorageTimeouts;
  /** When to stop waiting on a store that does not answer. */
  breaker?: CircuitBreakerOptions;
  /**
   * AWS's standard endpoint and credential variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID...), as the
   * config module read them: the thin client's, which reads no environment itself. The SDK's client ignores
   * them and reads the process's own.
   */
  environment?: Readonly<Record<string, string | undefined>>;
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
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The waits and attempts `options` asks for, else those fitted to where the store is. */
export const timeoutsOf = (options: DynamoDbClientOptions): StorageTimeouts =>
  options.timeouts ?? (options.endpoint ? EMBEDDED_TIMEOUTS : DYNAMODB_TIMEOUTS);
