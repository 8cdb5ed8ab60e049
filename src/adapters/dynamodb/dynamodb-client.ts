import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface DynamoDbClientOptions {
  /** A local DynamoDB (dynalite); AWS's regional endpoint when absent. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** What every repository of this provider is built from. */
export interface DynamoDbTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Local endpoints accept any signature; a fixed key avoids a slow search of the default credential chain. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A document client with bounded waits: a storage outage must become a 503 within seconds (API Gateway gives
 * up after 29 s), not hang a Lambda until its timeout. Three attempts cover a throttle or a dropped connection.
 * `throwOnRequestTimeout` matters: without it the handler only logs a warning when `requestTimeout` passes,
 * and a storage that accepts connections but never answers hangs every request.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions): DynamoDBDocumentClient {
  const credentials = options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined);
  const client = new DynamoDBClient({
    region: options.region,
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      throwOnRequestTimeout: true,
    }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
