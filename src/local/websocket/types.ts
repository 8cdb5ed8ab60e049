import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

/** Who opened the connection, as AWS reports it in events and in GetConnection. */
export interface WebSocketIdentity {
  sourceIp: string;
  /** Present only when the upgrade request carried a User-Agent header, as in AWS's captures. */
  userAgent?: string;
}

/**
 * A WebSocket event as AWS delivers it. `aws-lambda`'s type omits what AWS also sends (the upgrade
 * request's headers and query string on $connect, `identity`, the close status on $disconnect), and it
 * declares `messageId` on every event although AWS sends it only on MESSAGE.
 */
export type LocalWebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: {
    identity: WebSocketIdentity;
    disconnectStatusCode?: number;
    disconnectReason?: string;
  };
};

/** The signature of a Lambda WebSocket handler, so the deployed handler runs behind the gateway as is. */
export type LocalWebSocketHandler = (
  event: LocalWebSocketEvent,
  // biome-ignore lint/suspicious/noConfusingVoidType: an async handler that returns nothing is Promise<void>.
) => Promise<APIGatewayProxyResultV2 | undefined | void>;

/** Where the gateway reports handler failures; `console` and Powertools' Logger both fit. */
export interface GatewayLog {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
