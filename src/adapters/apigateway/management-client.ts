import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface ManagementClientOptions {
  /**
   * The WebSocket API's connection endpoint with its stage, e.g. `https://<api-id>.execute-api.<region>.
   * amazonaws.com/production`, or the local gateway's `http://127.0.0.1:3001/local`. The client adds
   * `/@connections/<id>` to it.
   */
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The local gateway accepts any signature; a fixed key avoids a slow search of the default credential chain. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * A management API client with bounded waits and no retries of its own: the fan-out retries throttled pushes
 * with backoff and gives each connection a deadline, and SDK retries underneath would multiply both.
 * `throwOnRequestTimeout` matters: without it the handler only logs a warning when `requestTimeout` passes.
 */
export function createManagementClient(options: ManagementClientOptions): ApiGatewayManagementApiClient {
  const credentials = options.credentials ?? (isLoopback(options.endpoint) ? LOCAL_CREDENTIALS : undefined);
  return new ApiGatewayManagementApiClient({
    // The SDK appends `/@connections/<id>` as is: a trailing slash would make the path `//@connections`.
    endpoint: options.endpoint.replace(/\/+$/, ''),
    region: options.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      throwOnRequestTimeout: true,
    }),
    ...(credentials ? { credentials } : {}),
  });
}

function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
